import { randomInt } from 'node:crypto';
import type { FieldProblem } from '../../errors';
import type { DrawnQuestion } from './quizzes.queries';

/** The pure rules of a quiz attempt: how questions are drawn, how answers are checked and scored. */

/** Seconds after the time limit during which a submission is still accepted (slow networks). */
export const SUBMIT_GRACE_SECONDS = 30;

export type RandomInt = (maxExclusive: number) => number;
const cryptoInt: RandomInt = (max) => randomInt(max);

/** Fisher–Yates, with an unpredictable generator: the order must not hint at anything. */
export function shuffle<T>(items: readonly T[], rand: RandomInt = cryptoInt): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rand(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * Draws up to `count` questions spread evenly over the quiz's topics (a 10-question quiz on four
 * topics gets 3, 3, 2, 2, the larger shares going to random topics); a topic with too few
 * questions leaves its share to the others. Returns them in random order.
 */
export function drawQuestionIds(pool: readonly { id: string; topic: string }[], topics: readonly string[], count: number, rand: RandomInt = cryptoInt): string[] {
  const byTopic = new Map<string, string[]>();
  for (const t of topics) byTopic.set(t, []);
  for (const q of pool) byTopic.get(q.topic)?.push(q.id);
  const queues = shuffle([...byTopic.values()].filter((ids) => ids.length), rand).map((ids) => shuffle(ids, rand));
  const drawn: string[] = [];
  // round robin over the topics: each round takes one question from every topic that has one left
  while (drawn.length < count && queues.some((q) => q.length)) {
    for (const queue of queues) {
      if (drawn.length >= count) break;
      const id = queue.pop();
      if (id) drawn.push(id);
    }
  }
  return shuffle(drawn, rand);
}

/** Score 0–100: the share of questions answered exactly right, to two decimals. */
export function scorePercent(correct: number, total: number): number {
  if (total <= 0) return 0;
  return Math.round((correct * 10_000) / total) / 100;
}

export interface QuestionResult {
  questionId: string;
  chosenOptionIds: string[];
  correctOptionIds: string[];
  correct: boolean;
}

/**
 * Checks a submission against the drawn questions: every question and option must be one that
 * was shown in this attempt, a question may be answered once, and a single-choice question takes
 * at most one option. Unanswered questions are allowed (they count as wrong). Returns the chosen
 * options per question, or the problems.
 */
export function readAnswers(
  drawn: readonly DrawnQuestion[],
  multipleChoice: ReadonlyMap<string, boolean>,
  answers: readonly { questionId: string; optionIds: readonly string[] }[],
): { ok: true; chosen: Map<string, string[]> } | { ok: false; problems: FieldProblem[] } {
  const shown = new Map(drawn.map((d) => [d.questionId, new Set(d.optionIds)]));
  const chosen = new Map<string, string[]>();
  const problems: FieldProblem[] = [];
  for (const [i, a] of answers.entries()) {
    const options = shown.get(a.questionId);
    const field = `answers.${i}`;
    if (!options) problems.push({ field, message: 'Câu hỏi này không thuộc bài làm.' });
    else if (chosen.has(a.questionId)) problems.push({ field, message: 'Một câu hỏi được trả lời hai lần.' });
    else if (a.optionIds.some((o) => !options.has(o))) problems.push({ field, message: 'Phương án được chọn không thuộc câu hỏi này.' });
    else {
      const ids = [...new Set(a.optionIds)];
      if (!multipleChoice.get(a.questionId) && ids.length > 1) problems.push({ field, message: 'Câu hỏi này chỉ chọn một phương án.' });
      else chosen.set(a.questionId, ids);
    }
  }
  return problems.length ? { ok: false, problems } : { ok: true, chosen };
}

/** A question counts only when the chosen set is exactly the correct set (multiple choice too). */
export function gradeAttempt(
  drawn: readonly DrawnQuestion[],
  key: ReadonlyMap<string, readonly string[]>,
  chosen: ReadonlyMap<string, readonly string[]>,
  passScore: number,
): { score: number; passed: boolean; results: QuestionResult[] } {
  const results = drawn.map((d): QuestionResult => {
    const right = new Set(key.get(d.questionId) ?? []);
    const picked = [...(chosen.get(d.questionId) ?? [])];
    const correct = right.size > 0 && picked.length === right.size && picked.every((o) => right.has(o));
    // both lists in the order the options were shown
    const order = (ids: Iterable<string>) => d.optionIds.filter((o) => new Set(ids).has(o));
    return { questionId: d.questionId, chosenOptionIds: order(picked), correctOptionIds: order(right), correct };
  });
  const score = scorePercent(results.filter((r) => r.correct).length, results.length);
  return { score, passed: score >= passScore, results };
}

/** When an attempt stops accepting answers (null: no time limit). */
export function expiresAt(startedAt: Date, timeLimitSeconds: number | null): Date | null {
  return timeLimitSeconds ? new Date(startedAt.getTime() + timeLimitSeconds * 1000) : null;
}

/** True once the time limit and the grace period have both run out. */
export function isTimeUp(startedAt: Date, timeLimitSeconds: number | null, now: Date): boolean {
  const end = expiresAt(startedAt, timeLimitSeconds);
  return !!end && now.getTime() > end.getTime() + SUBMIT_GRACE_SECONDS * 1000;
}
