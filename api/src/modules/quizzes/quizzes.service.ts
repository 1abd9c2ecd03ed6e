import type { Context } from '../../graphql/context';
import { requestLoader } from '../../graphql/loaders';
import { MovementsService } from '../movements/movements.service';
import { pointsByActivity } from '../activities/activities.queries';
import type { StoredAnswers } from './attempts.service';
import { expiresAt } from './grading';
import type { Quiz, QuizAttempt, QuizOption, QuizQuestion } from './quiz.type';
import { attemptStats, explanationsOf, findQuizzes, listQuizzes, optionFaces, questionFaces, type AttemptRow, type DrawnQuestion, type QuizRow } from './quizzes.queries';

export function toQuiz(row: QuizRow): Quiz {
  return {
    id: row.id,
    code: row.code,
    title: row.title,
    topics: row.topics,
    questionCount: row.questionCount,
    passScore: row.passScore,
    timeLimitSeconds: row.timeLimitSeconds,
    maxAttempts: row.maxAttempts,
    isCore: row.isCore,
    movementId: row.movementId,
  };
}

export function toQuizAttempt(row: AttemptRow, quiz: Pick<QuizRow, 'timeLimitSeconds'>): QuizAttempt {
  const stored = row.submittedAt ? ((row.answers as StoredAnswers | null) ?? { results: [] }) : null;
  return {
    id: row.id,
    quizId: row.quizId,
    startedAt: row.startedAt,
    expiresAt: expiresAt(row.startedAt, quiz.timeLimitSeconds),
    submittedAt: row.submittedAt,
    score: row.score,
    passed: row.passed,
    timedOut: !!stored?.timedOut,
    drawn: row.drawn as DrawnQuestion[],
    storedResults: stored?.results ?? null,
  };
}

/** Quizzes a caller may see: of one visible movement, or of every non-draft movement. */
export async function visibleQuizzes(ctx: Context, movementId: string | null | undefined): Promise<QuizRow[]> {
  if (movementId) {
    const movement = await new MovementsService(ctx).get(movementId);
    return movement ? listQuizzes(ctx.db, movement.id) : [];
  }
  return listQuizzes(ctx.db, null);
}

export function quizById(ctx: Context, id: string): Promise<QuizRow | null> {
  return requestLoader<string, QuizRow | null>(ctx, 'quizById', async (ids) => {
    const rows = new Map((await findQuizzes(ctx.db, ids)).map((r) => [r.id, r]));
    return ids.map((id) => rows.get(id) ?? null);
  }).load(id);
}

export interface MyQuizStats {
  used: number;
  best: number | null;
  passed: boolean;
}

/** The caller's attempts per quiz, batched over a list of quizzes. */
export function myStats(ctx: Context, quizId: string): Promise<MyQuizStats> {
  const user = ctx.user;
  if (!user) return Promise.resolve({ used: 0, best: null, passed: false });
  return requestLoader<string, MyQuizStats>(ctx, 'myQuizStats', async (ids) => {
    const rows = new Map((await attemptStats(ctx.db, user.id, ids)).map((r) => [r.quizId, r]));
    return ids.map((id) => {
      const r = rows.get(id);
      return { used: r?.used ?? 0, best: r?.best == null ? null : Number(r.best), passed: !!r?.passed };
    });
  }).load(quizId);
}

/** The questions of an attempt as shown: texts and shuffled options, nothing else. */
export async function attemptQuestions(ctx: Context, attempt: QuizAttempt): Promise<QuizQuestion[]> {
  const questionIds = attempt.drawn.map((d) => d.questionId);
  const optionIds = attempt.drawn.flatMap((d) => d.optionIds);
  const [questions, options] = await Promise.all([
    requestLoader<string, { id: string; text: string; multipleChoice: boolean } | null>(ctx, 'quizQuestionFaces', async (ids) => {
      const rows = new Map((await questionFaces(ctx.db, ids)).map((r) => [r.id, r]));
      return ids.map((id) => rows.get(id) ?? null);
    }).loadMany(questionIds),
    requestLoader<string, QuizOption | null>(ctx, 'quizOptionFaces', async (ids) => {
      const rows = new Map((await optionFaces(ctx.db, ids)).map((r) => [r.id, r]));
      return ids.map((id) => rows.get(id) ?? null);
    }).loadMany(optionIds),
  ]);
  const optionById = new Map(options.filter((o): o is QuizOption => !!o && !(o instanceof Error)).map((o) => [o.id, o]));
  return attempt.drawn.flatMap((d, i) => {
    const q = questions[i];
    if (!q || q instanceof Error) return [];
    return [{ id: q.id, text: q.text, multipleChoice: q.multipleChoice, options: d.optionIds.flatMap((o) => (optionById.has(o) ? [{ id: o, text: optionById.get(o)!.text }] : [])) }];
  });
}

export function explanations(ctx: Context, questionIds: string[]): Promise<(string | null)[]> {
  return requestLoader<string, string | null>(ctx, 'quizExplanations', async (ids) => {
    const map = await explanationsOf(ctx.db, ids);
    return ids.map((id) => map.get(id) ?? null);
  })
    .loadMany(questionIds)
    .then((list) => list.map((e) => (e instanceof Error ? null : e)));
}

export function attemptPoints(ctx: Context, attemptId: string): Promise<number> {
  return requestLoader<string, number>(ctx, 'quizAttemptPoints', async (ids) => {
    const map = await pointsByActivity(ctx.db, ids);
    return ids.map((id) => map.get(id) ?? 0);
  }).load(attemptId);
}
