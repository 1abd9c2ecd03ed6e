import { boolean, index, integer, jsonb, numeric, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { movements } from './movements';
import { users } from './accounts';
import { units } from './units';
import { citizens } from './citizens';

export const quizQuestions = pgTable(
  'quiz_questions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** stable code for CSV import/export, e.g. VNEID-01 */
    code: text('code'),
    topic: text('topic').notNull(),
    text: text('text').notNull(),
    multipleChoice: boolean('multiple_choice').notNull().default(false),
    explanation: text('explanation'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('quiz_questions_topic_idx').on(t.topic), uniqueIndex('quiz_questions_code_uq').on(t.code)],
);

export const quizOptions = pgTable(
  'quiz_options',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    questionId: uuid('question_id').notNull().references(() => quizQuestions.id),
    text: text('text').notNull(),
    isCorrect: boolean('is_correct').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [index('quiz_options_question_idx').on(t.questionId)],
);

export const quizzes = pgTable('quizzes', {
  id: uuid('id').primaryKey().defaultRandom(),
  movementId: uuid('movement_id').references(() => movements.id),
  code: text('code'),
  title: text('title').notNull(),
  topics: text('topics').array().notNull(),
  questionCount: integer('question_count').notNull(),
  passScore: numeric('pass_score', { precision: 5, scale: 2, mode: 'number' }).notNull(),
  timeLimitSeconds: integer('time_limit_seconds'),
  maxAttempts: integer('max_attempts'),
  /** the core quiz counts toward Công dân số */
  isCore: boolean('is_core').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A drawn set of questions with their shuffled options, scored on the server once submitted. */
export const quizAttempts = pgTable(
  'quiz_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    quizId: uuid('quiz_id').notNull().references(() => quizzes.id),
    userId: uuid('user_id').notNull().references(() => users.id),
    citizenId: uuid('citizen_id').references(() => citizens.id),
    /** the unit the person belongs to: quiz points go to it */
    unitId: integer('unit_id').notNull().references(() => units.id),
    /** [{ questionId, optionIds: [...] }] in the order shown */
    drawn: jsonb('drawn').notNull(),
    answers: jsonb('answers'),
    score: numeric('score', { precision: 5, scale: 2, mode: 'number' }),
    passed: boolean('passed'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
  },
  (t) => [index('quiz_attempts_user_idx').on(t.userId, t.quizId)],
);
