import { randomUUID } from 'node:crypto';
import type { Executor } from '@thidua/db';
import { activityPayloadFingerprint, vietnamDateOf, type ScoringRules } from '@thidua/domain';
import type { Context } from '../../graphql/context';
import { AppError, ErrorCode, badInput, notFound } from '../../errors';
import { requireUser } from '../auth/scope';
import type { SessionUser } from '../auth/session-user';
import { audit } from '../audit/audit';
import { unitCompetes } from '../activities/recording.service';
import { MovementsService } from '../movements/movements.service';
import { findMovementShared, findRuleVersion } from '../movements/movements.queries';
import { findUnitsByIds } from '../units/units.queries';
import { awardActivity } from '../scoring/ledger';
import { notifyFactsChanged, notifyPointsChanged } from '../scoring/events';
import { drawQuestionIds, expiresAt, gradeAttempt, isTimeUp, readAnswers, shuffle, type QuestionResult } from './grading';
import {
  answerKey,
  countAttempts,
  findAttempt,
  findAttemptForUpdate,
  findCitizen,
  findQuiz,
  finishAttempt,
  insertAttempt,
  insertQuizActivity,
  listOwnAttempts,
  lockPersonQuiz,
  openAttempts,
  optionIdsOf,
  questionFaces,
  questionPool,
  quizPointsAwarded,
  type AttemptRow,
  type DrawnQuestion,
  type QuizRow,
} from './quizzes.queries';
import { log } from '../../logger';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_ANSWERS = 200;

/** What `quiz_attempts.answers` holds once an attempt is finished: the graded answers, frozen. */
export interface StoredAnswers {
  timedOut?: boolean;
  results: QuestionResult[];
}

/**
 * Taking a quiz: start (draw and shuffle, stored server-side), submit (graded on the server), and
 * the points of a passing attempt, written through the ledger like every other activity.
 *
 * Decisions:
 * - Starting while an attempt is still open returns that attempt (a reload does not cost a try).
 * - Time limit: answers are accepted until `expiresAt` + 30 s. After that the attempt is closed
 *   as if submitted empty at `expiresAt` (score 0) and the submission is refused with
 *   `quiz/time-up`; the client shows the closed attempt's results. Answers are not saved while
 *   the person works, so there is nothing else to grade.
 * - Points: only a passing attempt of a quiz of an ACTIVE movement, for the person's unit (the
 *   citizen's residential unit, otherwise the user's unit), and only when that unit competes in
 *   the movement (inside its scope, of a competing kind or under one); otherwise no points, the
 *   result still counts for badges. Only the improvement over this person's earlier awards for
 *   the same quiz is awarded.
 */
export class QuizAttemptService {
  constructor(private readonly ctx: Context) {}

  private async quizFor(user: SessionUser, quizId: string): Promise<QuizRow> {
    const quiz = UUID.test(quizId) ? await findQuiz(this.ctx.db, quizId) : undefined;
    if (!quiz) throw notFound('bài kiểm tra');
    if (quiz.movementId) {
      const movement = await new MovementsService(this.ctx).get(quiz.movementId);
      if (!movement) throw notFound('bài kiểm tra');
      if (movement.status === 'DRAFT') throw new AppError(ErrorCode.MOVEMENT_NOT_ACTIVE, 'Phong trào của bài kiểm tra này chưa được phát động.');
    }
    return quiz;
  }

  /** The unit quiz points go to: a citizen's residential unit, otherwise the user's own unit. */
  private async personOf(user: SessionUser): Promise<{ unitId: number; citizenId: string | null }> {
    const citizen = user.citizenId ? await findCitizen(this.ctx.db, user.citizenId) : undefined;
    return citizen ? { unitId: citizen.unitId, citizenId: citizen.id } : { unitId: user.unitId, citizenId: null };
  }

  async start(quizId: string): Promise<AttemptRow> {
    const user = requireUser(this.ctx);
    const quiz = await this.quizFor(user, quizId);
    const person = await this.personOf(user);
    const started = await this.ctx.db.transaction(async (tx) => {
      await lockPersonQuiz(tx, user.id, quiz.id);
      const now = new Date();
      let resumable: AttemptRow | null = null;
      for (const open of await openAttempts(tx, user.id, quiz.id)) {
        if (isTimeUp(open.startedAt, quiz.timeLimitSeconds, now)) await closeTimedOut(tx, open, quiz);
        else resumable = open;
      }
      if (resumable) return resumable;
      // refused after the commit, so attempts closed above stay closed
      if (quiz.maxAttempts != null && (await countAttempts(tx, user.id, quiz.id)) >= quiz.maxAttempts) return null;
      const questionIds = drawQuestionIds(await questionPool(tx, quiz.topics), quiz.topics, quiz.questionCount);
      if (!questionIds.length) throw new AppError(ErrorCode.QUIZ_NO_QUESTIONS, 'Ngân hàng câu hỏi chưa có câu hỏi nào cho các chủ đề của bài kiểm tra này.');
      const options = await optionIdsOf(tx, questionIds);
      const drawn: DrawnQuestion[] = questionIds.map((questionId) => ({
        questionId,
        optionIds: shuffle(options.filter((o) => o.questionId === questionId).map((o) => o.id)),
      }));
      return insertAttempt(tx, { id: randomUUID(), quizId: quiz.id, userId: user.id, citizenId: person.citizenId, unitId: person.unitId, drawn, startedAt: now });
    });
    if (!started) throw new AppError(ErrorCode.QUIZ_ATTEMPT_LIMIT, `Bạn đã làm hết ${quiz.maxAttempts} lượt của bài kiểm tra này.`, { maxAttempts: quiz.maxAttempts });
    return started;
  }

  async submit(attemptId: string, answers: readonly { questionId: string; optionIds: readonly string[] }[]): Promise<AttemptRow> {
    const user = requireUser(this.ctx);
    const peek = UUID.test(attemptId) ? await findAttempt(this.ctx.db, attemptId) : undefined;
    if (!peek) throw notFound('lượt làm bài');
    if (peek.userId !== user.id) throw new AppError(ErrorCode.QUIZ_NOT_YOUR_ATTEMPT, 'Đây không phải lượt làm bài của bạn.');
    if (answers.length > MAX_ANSWERS) throw badInput(`Tối đa ${MAX_ANSWERS} câu trả lời.`);
    const quiz = (await findQuiz(this.ctx.db, peek.quizId))!;

    const outcome = await this.ctx.db.transaction(async (tx) => {
      await lockPersonQuiz(tx, user.id, quiz.id);
      const attempt = (await findAttemptForUpdate(tx, attemptId))!;
      if (attempt.submittedAt) throw new AppError(ErrorCode.QUIZ_ALREADY_SUBMITTED, 'Bài làm này đã được nộp; không thể thay đổi.');
      const now = new Date();
      if (isTimeUp(attempt.startedAt, quiz.timeLimitSeconds, now)) {
        await closeTimedOut(tx, attempt, quiz);
        return { timeUp: true as const };
      }
      const drawn = attempt.drawn as DrawnQuestion[];
      const questionIds = drawn.map((d) => d.questionId);
      const multipleChoice = new Map((await questionFaces(tx, questionIds)).map((q) => [q.id, q.multipleChoice]));
      const read = readAnswers(drawn, multipleChoice, answers);
      if (!read.ok) throw badInput(read.problems);
      const graded = gradeAttempt(drawn, await answerKey(tx, questionIds), read.chosen, quiz.passScore);
      const stored: StoredAnswers = { results: graded.results };
      const row = (await finishAttempt(tx, attempt.id, { answers: stored, score: graded.score, passed: graded.passed, submittedAt: now }))!;
      const award = graded.passed ? await awardQuizPoints(tx, user, row, quiz, now) : null;
      return { timeUp: false as const, row, award };
    });

    if (outcome.timeUp) throw new AppError(ErrorCode.QUIZ_TIME_UP, 'Đã hết thời gian làm bài; bài làm đã được đóng và không nhận thêm câu trả lời.', { attemptId });
    if (outcome.award) notifyPointsChanged([outcome.award.movementId], [outcome.award.unitId]);
    if (outcome.row.passed) {
      // badges re-check their criteria; a failing listener must not undo a committed result
      try {
        await notifyFactsChanged({ citizenIds: outcome.row.citizenId ? [outcome.row.citizenId] : [], userIds: [user.id] });
      } catch (error) {
        log().error({ err: error }, 'facts-changed listener failed');
      }
    }
    return outcome.row;
  }

  /** One of the caller's own attempts (null for anyone else's). */
  async own(id: string): Promise<AttemptRow | null> {
    const user = requireUser(this.ctx);
    const row = UUID.test(id) ? await findAttempt(this.ctx.db, id) : undefined;
    return row && row.userId === user.id ? row : null;
  }

  async listOwn(quizId: string | null, first: number): Promise<AttemptRow[]> {
    const user = requireUser(this.ctx);
    if (quizId && !UUID.test(quizId)) return [];
    return listOwnAttempts(this.ctx.db, user.id, quizId, Math.min(Math.max(first, 1), 100));
  }
}

/** Closes an attempt whose time ran out, graded as submitted empty at its deadline. */
async function closeTimedOut(tx: Executor, attempt: AttemptRow, quiz: QuizRow): Promise<void> {
  const drawn = attempt.drawn as DrawnQuestion[];
  const graded = gradeAttempt(drawn, await answerKey(tx, drawn.map((d) => d.questionId)), new Map(), quiz.passScore);
  const stored: StoredAnswers = { timedOut: true, results: graded.results };
  await finishAttempt(tx, attempt.id, { answers: stored, score: graded.score, passed: false, submittedAt: expiresAt(attempt.startedAt, quiz.timeLimitSeconds)! });
}

/**
 * The QUIZ activity of a passing attempt and its ledger award, in the submission's transaction.
 * Returns null when the attempt earns nothing (no movement, movement not ACTIVE, unit not
 * competing).
 */
async function awardQuizPoints(tx: Executor, user: SessionUser, attempt: AttemptRow, quiz: QuizRow, now: Date): Promise<{ movementId: string; unitId: number; points: number } | null> {
  if (!quiz.movementId) return null;
  // share-locked, as approvals do: a rule version being applied (which locks it for update) and a
  // quiz award do not interleave, so the award is scored under the version that ends up current
  const movement = await findMovementShared(tx, quiz.movementId);
  if (!movement || movement.status !== 'ACTIVE') return null;
  const [unit] = await findUnitsByIds(tx, [attempt.unitId]);
  if (!unit) return null;
  const ancestors = await findUnitsByIds(tx, unit.path.filter((id) => id !== unit.id));
  if (!unitCompetes(movement, unit, ancestors)) return null;
  const version = (await findRuleVersion(tx, movement.id, movement.currentRuleVersion))!;

  // the person's key, as assists use it: best attempt per person per quiz
  const citizen = attempt.citizenId ? await findCitizen(tx, attempt.citizenId) : undefined;
  const citizenKey = citizen ? (citizen.nationalIdHash ?? `c:${citizen.id}`) : `u:${attempt.userId}`;
  const already = await quizPointsAwarded(tx, movement.id, citizenKey, quiz.id);
  const occurredOn = vietnamDateOf(now);
  const details = { quizId: quiz.id, userId: attempt.userId, citizenId: attempt.citizenId, passScore: quiz.passScore };
  const activity = await insertQuizActivity(tx, {
    id: attempt.id,
    movementId: movement.id,
    unitId: unit.id,
    kind: 'QUIZ',
    status: 'APPROVED',
    occurredOn,
    score: attempt.score,
    quizAttemptId: attempt.id,
    citizenId: attempt.citizenId,
    citizenKey,
    details,
    fingerprint: activityPayloadFingerprint({ kind: 'QUIZ', movementId: movement.id, unitId: unit.id, occurredOn, score: attempt.score, attemptId: attempt.id, ...details }),
    recordedBy: user.id,
    recordedAt: now,
    reviewedAt: now,
  });
  const award = await awardActivity(tx, activity, {
    rules: version.rules as ScoringRules,
    ruleVersion: version.version,
    actorUserId: user.id,
    quizPointsAlreadyAwarded: already,
    passScore: quiz.passScore,
  });
  await audit(tx, {
    actorUserId: user.id,
    action: 'quiz.pass',
    entityType: 'activity',
    entityId: attempt.id,
    data: { quizId: quiz.id, score: attempt.score, points: award.points, alreadyAwarded: already },
  });
  return { movementId: movement.id, unitId: unit.id, points: award.points };
}
