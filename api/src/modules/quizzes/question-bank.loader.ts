import type { Db, Executor } from '@thidua/db';
import { QUESTION_BANK } from './question-bank';
import { questionProblems } from './question-csv';
import { existingCodes, insertQuestion, setQuestionCode, uncodedQuestions } from './quizzes.queries';

function checkBank(): void {
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const q of QUESTION_BANK) {
    if (seen.has(q.code)) problems.push(`${q.code}: mã bị lặp`);
    seen.add(q.code);
    for (const p of questionProblems(q)) problems.push(`${q.code}: ${p}`);
  }
  if (problems.length) throw new Error(`question-bank.ts có lỗi:\n${problems.join('\n')}`);
}

/**
 * Puts the project's question bank into the database, idempotently: questions are keyed by code,
 * and only missing codes are inserted, so restarts add nothing and an administrator's edits (CSV
 * import) are kept. A question stored before codes existed (the first demo data had none) is
 * adopted, by identical text and topic, instead of being duplicated. Safe to run from two
 * processes at once: the unique index on code makes the second insert a no-op.
 */
export async function loadQuestionBank(db: Executor): Promise<{ inserted: number; adopted: number }> {
  checkBank();
  const have = await existingCodes(db);
  const missing = QUESTION_BANK.filter((q) => !have.has(q.code));
  if (!missing.length) return { inserted: 0, adopted: 0 };
  // inside a caller's transaction this is a savepoint
  return (db as Db).transaction(async (tx) => {
    const uncoded = await uncodedQuestions(tx);
    let inserted = 0;
    let adopted = 0;
    for (const q of missing) {
      const match = uncoded.findIndex((u) => u.text === q.text && u.topic === q.topic);
      if (match >= 0) {
        await setQuestionCode(tx, uncoded[match].id, q.code);
        uncoded.splice(match, 1);
        adopted++;
        continue;
      }
      const id = await insertQuestion(tx, {
        code: q.code,
        topic: q.topic,
        text: q.text,
        multipleChoice: !!q.multipleChoice,
        explanation: q.explanation,
        options: q.options.map((o) => ({ text: o.text, correct: o.correct === true })),
      });
      if (id) inserted++;
    }
    return { inserted, adopted };
  });
}
