import { and, asc, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { activities, citizens, movements, pointsLedger, queryRows, quizAttempts, quizOptions, quizQuestions, quizzes, type Executor } from '@thidua/db';

/** The SQL of the quizzes module. Nothing here that feeds a response before submission selects `is_correct`. */

export type QuizRow = typeof quizzes.$inferSelect;
export type AttemptRow = typeof quizAttempts.$inferSelect;
export type QuestionRow = typeof quizQuestions.$inferSelect;
export type OptionRow = typeof quizOptions.$inferSelect;

/** One drawn question: its options in the order shown to this person. */
export interface DrawnQuestion {
  questionId: string;
  optionIds: string[];
}

export async function findQuiz(db: Executor, id: string): Promise<QuizRow | undefined> {
  const [row] = await db.select().from(quizzes).where(eq(quizzes.id, id));
  return row;
}

export async function findQuizzes(db: Executor, ids: readonly string[]): Promise<QuizRow[]> {
  if (!ids.length) return [];
  return db.select().from(quizzes).where(inArray(quizzes.id, [...ids]));
}

/** Quizzes of one movement, or (no movement given) those of non-draft movements and stand-alone ones. */
export async function listQuizzes(db: Executor, movementId: string | null): Promise<QuizRow[]> {
  const order = [desc(quizzes.isCore), asc(quizzes.createdAt), asc(quizzes.id)];
  if (movementId) return db.select().from(quizzes).where(eq(quizzes.movementId, movementId)).orderBy(...order);
  return db
    .select()
    .from(quizzes)
    .where(or(isNull(quizzes.movementId), sql`exists (select 1 from ${movements} m where m.id = ${quizzes.movementId} and m.status <> 'DRAFT')`))
    .orderBy(...order);
}

/** Per quiz, for one user: attempts started, best submitted score, whether one passed. */
export async function attemptStats(db: Executor, userId: string, quizIds: readonly string[]) {
  if (!quizIds.length) return [];
  return db
    .select({
      quizId: quizAttempts.quizId,
      used: sql<number>`count(*)::int`,
      best: sql<string | null>`max(${quizAttempts.score})`,
      passed: sql<boolean>`coalesce(bool_or(${quizAttempts.passed}), false)`,
    })
    .from(quizAttempts)
    .where(and(eq(quizAttempts.userId, userId), inArray(quizAttempts.quizId, [...quizIds])))
    .groupBy(quizAttempts.quizId);
}

export async function countAttempts(db: Executor, userId: string, quizId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(quizAttempts)
    .where(and(eq(quizAttempts.userId, userId), eq(quizAttempts.quizId, quizId)));
  return row?.n ?? 0;
}

export async function openAttempts(db: Executor, userId: string, quizId: string): Promise<AttemptRow[]> {
  return db
    .select()
    .from(quizAttempts)
    .where(and(eq(quizAttempts.userId, userId), eq(quizAttempts.quizId, quizId), isNull(quizAttempts.submittedAt)))
    .orderBy(asc(quizAttempts.startedAt));
}

export async function findAttempt(db: Executor, id: string): Promise<AttemptRow | undefined> {
  const [row] = await db.select().from(quizAttempts).where(eq(quizAttempts.id, id));
  return row;
}

export async function findAttemptForUpdate(db: Executor, id: string): Promise<AttemptRow | undefined> {
  const [row] = await db.select().from(quizAttempts).where(eq(quizAttempts.id, id)).for('update');
  return row;
}

export async function listOwnAttempts(db: Executor, userId: string, quizId: string | null, limit: number): Promise<AttemptRow[]> {
  return db
    .select()
    .from(quizAttempts)
    .where(and(eq(quizAttempts.userId, userId), quizId ? eq(quizAttempts.quizId, quizId) : undefined))
    .orderBy(desc(quizAttempts.startedAt), asc(quizAttempts.id))
    .limit(limit);
}

export async function insertAttempt(db: Executor, row: typeof quizAttempts.$inferInsert): Promise<AttemptRow> {
  const [inserted] = await db.insert(quizAttempts).values(row).returning();
  return inserted;
}

/** Writes the outcome of an attempt once: the `submitted_at is null` guard makes a second write a no-op. */
export async function finishAttempt(
  db: Executor,
  id: string,
  outcome: { answers: unknown; score: number; passed: boolean; submittedAt: Date },
): Promise<AttemptRow | undefined> {
  const [row] = await db
    .update(quizAttempts)
    .set(outcome)
    .where(and(eq(quizAttempts.id, id), isNull(quizAttempts.submittedAt)))
    .returning();
  return row;
}

/** Serializes the attempts of one person at one quiz (starting, submitting, awarding). */
export async function lockPersonQuiz(tx: Executor, userId: string, quizId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`quiz:${userId}:${quizId}`}))`);
}

/** Question ids and topics available for a draw. */
export async function questionPool(db: Executor, topics: readonly string[]): Promise<{ id: string; topic: string }[]> {
  if (!topics.length) return [];
  return db.select({ id: quizQuestions.id, topic: quizQuestions.topic }).from(quizQuestions).where(inArray(quizQuestions.topic, [...topics]));
}

/** Option ids of questions (no texts, no correctness): what a draw shuffles. */
export async function optionIdsOf(db: Executor, questionIds: readonly string[]): Promise<{ id: string; questionId: string }[]> {
  if (!questionIds.length) return [];
  return db
    .select({ id: quizOptions.id, questionId: quizOptions.questionId })
    .from(quizOptions)
    .where(inArray(quizOptions.questionId, [...questionIds]))
    .orderBy(asc(quizOptions.position));
}

/** What a question shows: text and kind, never the answer or the explanation. */
export async function questionFaces(db: Executor, ids: readonly string[]) {
  if (!ids.length) return [];
  return db.select({ id: quizQuestions.id, text: quizQuestions.text, multipleChoice: quizQuestions.multipleChoice }).from(quizQuestions).where(inArray(quizQuestions.id, [...ids]));
}

/** What an option shows: its text only. */
export async function optionFaces(db: Executor, ids: readonly string[]) {
  if (!ids.length) return [];
  return db.select({ id: quizOptions.id, text: quizOptions.text }).from(quizOptions).where(inArray(quizOptions.id, [...ids]));
}

/** The answer key of some questions: used only to grade a submission. */
export async function answerKey(db: Executor, questionIds: readonly string[]): Promise<Map<string, string[]>> {
  const key = new Map<string, string[]>(questionIds.map((id) => [id, []]));
  if (!questionIds.length) return key;
  const rows = await db
    .select({ id: quizOptions.id, questionId: quizOptions.questionId })
    .from(quizOptions)
    .where(and(inArray(quizOptions.questionId, [...questionIds]), eq(quizOptions.isCorrect, true)));
  for (const r of rows) key.get(r.questionId)?.push(r.id);
  return key;
}

/** Explanations: read only for submitted attempts. */
export async function explanationsOf(db: Executor, questionIds: readonly string[]): Promise<Map<string, string | null>> {
  if (!questionIds.length) return new Map();
  const rows = await db.select({ id: quizQuestions.id, explanation: quizQuestions.explanation }).from(quizQuestions).where(inArray(quizQuestions.id, [...questionIds]));
  return new Map(rows.map((r) => [r.id, r.explanation]));
}

export async function findCitizen(db: Executor, id: string) {
  const [row] = await db.select({ id: citizens.id, unitId: citizens.unitId, nationalIdHash: citizens.nationalIdHash }).from(citizens).where(eq(citizens.id, id));
  return row;
}

/** Net quiz points already in the ledger for this person and quiz in a movement (awards minus reversals). */
export async function quizPointsAwarded(db: Executor, movementId: string, citizenKey: string, quizId: string): Promise<number> {
  const [row] = await queryRows<{ points: string | null }>(
    db,
    sql`select sum(l.points) as points from ${pointsLedger} l join ${activities} a on a.id = l.activity_id
        where a.movement_id = ${movementId} and a.kind = 'QUIZ' and a.citizen_key = ${citizenKey} and a.details->>'quizId' = ${quizId}`,
  );
  return Number(row?.points ?? 0);
}

// ---------------------------------------------------------------- the bank (loader, CSV)

export interface StoredQuestion {
  id: string;
  code: string | null;
  topic: string;
  text: string;
  multipleChoice: boolean;
  explanation: string | null;
  options: { id: string; text: string; correct: boolean; position: number }[];
}

/** Whole questions with their answers, for export and import only (ADMIN/ORGANIZER). */
export async function storedQuestions(db: Executor, codes?: readonly string[]): Promise<StoredQuestion[]> {
  if (codes && !codes.length) return [];
  const questions = await db
    .select()
    .from(quizQuestions)
    .where(codes ? inArray(quizQuestions.code, [...codes]) : undefined)
    .orderBy(asc(quizQuestions.code), asc(quizQuestions.createdAt));
  const options = questions.length
    ? await db
        .select()
        .from(quizOptions)
        .where(inArray(quizOptions.questionId, questions.map((q) => q.id)))
        .orderBy(asc(quizOptions.position))
    : [];
  const byQuestion = new Map<string, StoredQuestion['options']>();
  for (const o of options) {
    const list = byQuestion.get(o.questionId) ?? [];
    list.push({ id: o.id, text: o.text, correct: o.isCorrect, position: o.position });
    byQuestion.set(o.questionId, list);
  }
  return questions.map((q) => ({ id: q.id, code: q.code, topic: q.topic, text: q.text, multipleChoice: q.multipleChoice, explanation: q.explanation, options: byQuestion.get(q.id) ?? [] }));
}

export async function existingCodes(db: Executor): Promise<Set<string>> {
  const rows = await db.select({ code: quizQuestions.code }).from(quizQuestions);
  return new Set(rows.map((r) => r.code).filter((c): c is string => !!c));
}

/** Questions stored before codes existed (code is null), to adopt by identical text. */
export async function uncodedQuestions(db: Executor): Promise<{ id: string; text: string; topic: string }[]> {
  return db.select({ id: quizQuestions.id, text: quizQuestions.text, topic: quizQuestions.topic }).from(quizQuestions).where(isNull(quizQuestions.code));
}

export async function setQuestionCode(db: Executor, id: string, code: string): Promise<void> {
  await db.update(quizQuestions).set({ code }).where(and(eq(quizQuestions.id, id), isNull(quizQuestions.code)));
}

/** Inserts a question unless its code exists; returns its new id, or null when it existed. */
export async function insertQuestion(
  db: Executor,
  q: { code: string; topic: string; text: string; multipleChoice: boolean; explanation: string; options: { text: string; correct: boolean }[] },
): Promise<string | null> {
  const [row] = await db
    .insert(quizQuestions)
    .values({ code: q.code, topic: q.topic, text: q.text, multipleChoice: q.multipleChoice, explanation: q.explanation })
    .onConflictDoNothing({ target: quizQuestions.code })
    .returning({ id: quizQuestions.id });
  if (!row) return null;
  await db.insert(quizOptions).values(q.options.map((o, i) => ({ questionId: row.id, text: o.text, isCorrect: o.correct, position: i + 1 })));
  return row.id;
}

/** Rewrites a question in place, option by option (same number of options, same ids). */
export async function updateQuestion(
  db: Executor,
  stored: StoredQuestion,
  q: { topic: string; text: string; multipleChoice: boolean; explanation: string; options: { text: string; correct: boolean }[] },
): Promise<void> {
  await db.update(quizQuestions).set({ topic: q.topic, text: q.text, multipleChoice: q.multipleChoice, explanation: q.explanation }).where(eq(quizQuestions.id, stored.id));
  for (const [i, o] of stored.options.entries())
    await db.update(quizOptions).set({ text: q.options[i].text, isCorrect: q.options[i].correct }).where(eq(quizOptions.id, o.id));
}

/** The QUIZ activity of a passing attempt (its id is the attempt's id). */
export async function insertQuizActivity(db: Executor, row: typeof activities.$inferInsert) {
  const [inserted] = await db.insert(activities).values(row).returning();
  return inserted;
}
