import type { Db, Executor } from '@thidua/db';
import type { Role } from '@thidua/domain';
import type { Context } from '../../graphql/context';
import { requireRole } from '../auth/scope';
import { audit } from '../audit/audit';
import type { BankQuestion } from './question-bank';
import { parseQuestionsCsv, questionsToCsv, type ParsedRow } from './question-csv';
import { insertQuestion, storedQuestions, updateQuestion, type StoredQuestion } from './quizzes.queries';
import type { QuestionImportProblem, QuestionImportResult } from './quiz.type';

/** Who may read the bank with its answers (CSV export) and add questions to it. */
export const BANK_EDITORS = ['ADMIN', 'ORGANIZER'] as const;

function toBank(q: StoredQuestion): BankQuestion {
  return {
    code: q.code ?? '',
    topic: q.topic as BankQuestion['topic'],
    text: q.text,
    multipleChoice: q.multipleChoice,
    options: q.options.map((o) => (o.correct ? { text: o.text, correct: true as const } : { text: o.text })),
    explanation: q.explanation ?? '',
  };
}

function sameQuestion(stored: StoredQuestion, q: BankQuestion): boolean {
  return (
    stored.topic === q.topic &&
    stored.text === q.text &&
    stored.multipleChoice === !!q.multipleChoice &&
    (stored.explanation ?? '') === q.explanation &&
    stored.options.length === q.options.length &&
    stored.options.every((o, i) => o.text === q.options[i].text && o.correct === (q.options[i].correct === true))
  );
}

interface ImportPlan {
  rows: number;
  creates: BankQuestion[];
  updates: { stored: StoredQuestion; question: BankQuestion }[];
  unchanged: number;
  problems: QuestionImportProblem[];
}

/**
 * Compares the parsed rows with the bank. A new code is added; an existing code is changed in
 * place, option by option, so it must keep its number of options (past attempts refer to them),
 * and only an ADMIN may change an existing question: the bank is shared by every movement.
 */
async function planImport(db: Executor, csv: string, role: Role): Promise<ImportPlan> {
  const parsed = parseQuestionsCsv(csv);
  const problems: QuestionImportProblem[] = parsed.fileProblems.map((p) => ({ line: p.line, code: null, message: p.message }));
  const valid = parsed.rows.filter((r): r is ParsedRow & { question: BankQuestion } => !!r.question);
  const stored = new Map((await storedQuestions(db, valid.map((r) => r.question.code))).map((q) => [q.code!, q]));
  const plan: ImportPlan = { rows: parsed.rows.length, creates: [], updates: [], unchanged: 0, problems };
  for (const row of parsed.rows) {
    for (const message of row.problems) problems.push({ line: row.line, code: row.code, message });
    if (!row.question) continue;
    const existing = stored.get(row.question.code);
    if (!existing) plan.creates.push(row.question);
    else if (sameQuestion(existing, row.question)) plan.unchanged++;
    else if (existing.options.length !== row.question.options.length)
      problems.push({
        line: row.line,
        code: row.code,
        message: `Câu hỏi ${row.code} đã có ${existing.options.length} phương án; không đổi được số phương án của câu hỏi đã dùng. Hãy tạo câu hỏi mới với mã khác.`,
      });
    else if (role !== 'ADMIN') problems.push({ line: row.line, code: row.code, message: `Câu hỏi ${row.code} đã có; chỉ quản trị hệ thống được sửa câu hỏi đã có.` });
    else plan.updates.push({ stored: existing, question: row.question });
  }
  problems.sort((a, b) => a.line - b.line);
  return plan;
}

function result(plan: ImportPlan, dryRun: boolean, written: boolean): QuestionImportResult {
  return { dryRun, written, rows: plan.rows, created: plan.creates.length, updated: plan.updates.length, unchanged: plan.unchanged, problems: plan.problems };
}

export class QuestionBankService {
  constructor(private readonly ctx: Context) {}

  /** The whole bank, answers included, as CSV (ADMIN/ORGANIZER). */
  async exportCsv(): Promise<string> {
    requireRole(this.ctx, BANK_EDITORS);
    return questionsToCsv((await storedQuestions(this.ctx.db)).map(toBank));
  }

  /**
   * Checks a CSV of questions and, when `dryRun` is false and nothing is wrong, writes it in one
   * transaction (checked again inside it). With any problem nothing is written.
   */
  async importCsv(csv: string, dryRun: boolean): Promise<QuestionImportResult> {
    const user = requireRole(this.ctx, BANK_EDITORS);
    if (dryRun) return result(await planImport(this.ctx.db, csv, user.role), true, false);
    return (this.ctx.db as Db).transaction(async (tx) => {
      const plan = await planImport(tx, csv, user.role);
      if (plan.problems.length) return result(plan, false, false);
      for (const q of plan.creates)
        await insertQuestion(tx, {
          code: q.code,
          topic: q.topic,
          text: q.text,
          multipleChoice: !!q.multipleChoice,
          explanation: q.explanation,
          options: q.options.map((o) => ({ text: o.text, correct: o.correct === true })),
        });
      for (const { stored, question: q } of plan.updates)
        await updateQuestion(tx, stored, {
          topic: q.topic,
          text: q.text,
          multipleChoice: !!q.multipleChoice,
          explanation: q.explanation,
          options: q.options.map((o) => ({ text: o.text, correct: o.correct === true })),
        });
      if (plan.creates.length + plan.updates.length > 0)
        await audit(tx, {
          actorUserId: user.id,
          action: 'quiz.questions.import',
          entityType: 'quiz_bank',
          entityId: 'questions',
          data: { created: plan.creates.map((q) => q.code), updated: plan.updates.map((u) => u.question.code), unchanged: plan.unchanged },
        });
      return result(plan, false, true);
    });
  }
}
