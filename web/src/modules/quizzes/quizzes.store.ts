import { defineStore } from 'pinia';
import { reactive } from 'vue';
import { toApiProblem, type ApiProblem } from '@/app/errors';
import { urqlClient } from '@/app/urql';
import { StartQuizAttemptDocument, SubmitQuizAttemptDocument, type QuizAttemptQuestionsFragment } from '@/gql/graphql';

export type AttemptQuestions = QuizAttemptQuestionsFragment;
/** questionId → chosen option ids */
export type AttemptAnswers = Record<string, string[]>;

const STORAGE_KEY = 'thidua.quizAnswers';
/** Answers of only the most recent attempts are kept on the device. */
const MAX_KEPT = 10;
/** Errors after which the attempt is closed on the server: its result page says what happened. */
export const CLOSED_ATTEMPT_CODES = ['quiz/time-up', 'quiz/already-submitted'];

function load(): Record<string, AttemptAnswers> {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, AttemptAnswers>) : {};
  } catch {
    return {};
  }
}

/**
 * The attempt being taken and the answers chosen so far. Answers stay on the device (localStorage)
 * until the attempt is submitted, so a reload or a pause does not lose them; the server only sees
 * them at submission (it grades them).
 */
export const useQuizStore = defineStore('quizzes', () => {
  /** the open attempt of each quiz, by quiz id */
  const attempts = reactive(new Map<string, AttemptQuestions>());
  const answers = reactive<Record<string, AttemptAnswers>>(load());

  function persist(): void {
    try {
      const ids = Object.keys(answers);
      for (const id of ids.slice(0, Math.max(0, ids.length - MAX_KEPT))) delete answers[id];
      localStorage.setItem(STORAGE_KEY, JSON.stringify(answers));
    } catch {
      // storage unavailable: answers live in memory only
    }
  }

  /** Starts an attempt, or gets back the open one (the server never opens two). */
  async function start(quizId: string): Promise<ApiProblem | null> {
    const result = await urqlClient
      .mutation(StartQuizAttemptDocument, { quizId }, { additionalTypenames: ['Quiz', 'QuizAttempt'] })
      .toPromise();
    if (result.error || !result.data) return toApiProblem(result.error);
    const attempt = result.data.startQuizAttempt;
    attempts.set(quizId, attempt);
    answers[attempt.id] ??= {};
    return null;
  }

  function answersOf(attemptId: string): AttemptAnswers {
    return answers[attemptId] ?? {};
  }

  function setAnswer(attemptId: string, questionId: string, optionIds: string[]): void {
    answers[attemptId] = { ...answersOf(attemptId), [questionId]: optionIds };
    persist();
  }

  function forget(quizId: string, attemptId: string): void {
    attempts.delete(quizId);
    delete answers[attemptId];
    persist();
  }

  /** Submits every question (unanswered ones with no option); the server grades. */
  async function submit(quizId: string): Promise<{ attemptId: string; problem: ApiProblem | null }> {
    const attempt = attempts.get(quizId);
    if (!attempt) return { attemptId: '', problem: { code: 'UNKNOWN', message: null } };
    const chosen = answersOf(attempt.id);
    const result = await urqlClient
      .mutation(
        SubmitQuizAttemptDocument,
        { attemptId: attempt.id, answers: attempt.questions.map((q) => ({ questionId: q.id, optionIds: chosen[q.id] ?? [] })) },
        { additionalTypenames: ['Quiz', 'QuizAttempt', 'BadgeAward', 'BadgeProgress', 'HouseholdProgress'] },
      )
      .toPromise();
    if (result.error || !result.data) {
      const problem = toApiProblem(result.error);
      if (CLOSED_ATTEMPT_CODES.includes(problem.code)) forget(quizId, attempt.id);
      return { attemptId: attempt.id, problem };
    }
    forget(quizId, attempt.id);
    return { attemptId: attempt.id, problem: null };
  }

  return { attempts, answers, start, answersOf, setAnswer, forget, submit };
});
