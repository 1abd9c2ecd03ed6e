import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, quizzes, sql } from '@thidua/db';
import { DEFAULT_SCORING_RULES, pointsForQuiz } from '@thidua/domain';
import { DEMO_CORE_QUIZ_ID, DEMO_NATIONAL_MOVEMENT_ID, DEMO_QUANG_NINH_MOVEMENT_ID } from '@thidua/api/src/demo/seed';
import { QUESTION_BANK, QUIZ_TOPICS } from '@thidua/api/src/modules/quizzes/question-bank';
import { loadQuestionBank } from '@thidua/api/src/modules/quizzes/question-bank.loader';
import { verifyLedger } from '@thidua/api/src/modules/scoring/verify-ledger';
import { dataOf, errorCodes, startTestApp, type GqlClient, type TestApp } from '../support/harness';
import { newUser } from '../support/factories';

const ATTEMPT_FIELDS = `id startedAt expiresAt submittedAt score passed timedOut pointsAwarded
  questions { id text multipleChoice options { id text } }
  results { questionId correctOptionIds chosenOptionIds correct explanation }`;
const START = `mutation($quizId: ID!) { startQuizAttempt(quizId: $quizId) { ${ATTEMPT_FIELDS} } }`;
const SUBMIT = `mutation($attemptId: ID!, $answers: [QuizAnswerInput!]!) { submitQuizAttempt(attemptId: $attemptId, answers: $answers) { ${ATTEMPT_FIELDS} } }`;
const ATTEMPT = `query($id: ID!) { quizAttempt(id: $id) { ${ATTEMPT_FIELDS} } }`;
const IMPORT = `mutation($csv: String!, $dryRun: Boolean) { importQuestions(csv: $csv, dryRun: $dryRun) { dryRun written rows created updated unchanged problems { line code message } } }`;

interface Attempt {
  id: string;
  submittedAt: string | null;
  expiresAt: string | null;
  score: number | null;
  passed: boolean | null;
  timedOut: boolean;
  pointsAwarded: number;
  questions: { id: string; text: string; multipleChoice: boolean; options: { id: string; text: string }[] }[];
  results: { questionId: string; correctOptionIds: string[]; chosenOptionIds: string[]; correct: boolean; explanation: string | null }[] | null;
}
type Pick = (q: Attempt['questions'][number], right: Set<string>) => string[];

let t: TestApp;
let citizen: GqlClient;
let citizenUserId: string;
let haLongId: number;

async function unitIdByCode(code: string): Promise<number> {
  const [row] = await queryRows<{ id: number }>(t.db, sql`select id from units where code = ${code}`);
  return row.id;
}

/** A fresh logged-in person (by default living in phường Hạ Long, whose units compete nationally). */
async function person(role: 'CITIZEN' | 'OFFICER' = 'CITIZEN', unitId = haLongId): Promise<{ client: GqlClient; id: string }> {
  const u = await newUser(t.db, { role, unitId });
  return { client: await t.as(u.username, u.password), id: u.id };
}

/** A quiz written straight to the table, for the limits the demo's core quiz does not have. */
async function newQuiz(fields: Partial<typeof quizzes.$inferInsert> = {}): Promise<string> {
  const [row] = await t.db
    .insert(quizzes)
    .values({ movementId: DEMO_NATIONAL_MOVEMENT_ID, title: 'Bài kiểm tra thử nghiệm', topics: ['CASHLESS'], questionCount: 5, passScore: 60, ...fields })
    .returning({ id: quizzes.id });
  return row.id;
}

/** The answer key, read from the database (what the API must never reveal before submission). */
async function keyOf(attempt: Attempt): Promise<Map<string, Set<string>>> {
  const ids = sql.join(attempt.questions.map((q) => sql`${q.id}::uuid`), sql`, `);
  const rows = await queryRows<{ question_id: string; id: string }>(t.db, sql`select question_id::text, id::text from quiz_options where is_correct and question_id in (${ids})`);
  const key = new Map(attempt.questions.map((q) => [q.id, new Set<string>()]));
  for (const r of rows) key.get(r.question_id)!.add(r.id);
  return key;
}

async function explanationsOf(attempt: Attempt): Promise<string[]> {
  const ids = sql.join(attempt.questions.map((q) => sql`${q.id}::uuid`), sql`, `);
  return (await queryRows<{ explanation: string }>(t.db, sql`select explanation from quiz_questions where id in (${ids})`)).map((r) => r.explanation);
}

const right: Pick = (q, key) => q.options.filter((o) => key.has(o.id)).map((o) => o.id);
const wrong: Pick = (q, key) => [q.options.find((o) => !key.has(o.id))!.id];

async function answers(attempt: Attempt, pick: (q: Attempt['questions'][number], right: Set<string>, index: number) => string[]) {
  const key = await keyOf(attempt);
  return attempt.questions.map((q, i) => ({ questionId: q.id, optionIds: pick(q, key.get(q.id)!, i) }));
}

async function start(client: GqlClient, quizId: string): Promise<Attempt> {
  return dataOf(await client.gql(START, { quizId })).startQuizAttempt;
}

async function submit(client: GqlClient, attempt: Attempt, pick: Parameters<typeof answers>[1]): Promise<Attempt> {
  return dataOf(await client.gql(SUBMIT, { attemptId: attempt.id, answers: await answers(attempt, pick) })).submitQuizAttempt;
}

async function quizLedger(userId: string): Promise<{ rows: number; points: number }> {
  const [row] = await queryRows<{ rows: number; points: string | null }>(
    t.db,
    sql`select count(*)::int as rows, sum(l.points) as points from points_ledger l join activities a on a.id = l.activity_id
        where a.kind = 'QUIZ' and a.details->>'userId' = ${userId}`,
  );
  return { rows: row.rows, points: Number(row.points ?? 0) };
}

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  citizen = await t.as('citizen');
  citizenUserId = dataOf(await citizen.gql('{ me { id } }')).me.id;
  haLongId = await unitIdByCode('06688');
});

afterAll(async () => {
  await t?.close();
});

describe('the question bank', () => {
  it('holds at least 60 questions, at least 10 per topic, with single and multiple choice, and the demo codes', () => {
    expect(QUESTION_BANK.length).toBeGreaterThanOrEqual(60);
    for (const topic of QUIZ_TOPICS) expect(QUESTION_BANK.filter((q) => q.topic === topic).length, topic).toBeGreaterThanOrEqual(10);
    expect(new Set(QUESTION_BANK.map((q) => q.code)).size).toBe(QUESTION_BANK.length);
    const multi = QUESTION_BANK.filter((q) => q.multipleChoice);
    expect(multi.length).toBeGreaterThanOrEqual(6);
    for (const q of multi) expect(q.options.filter((o) => o.correct).length, q.code).toBeGreaterThanOrEqual(2);
    for (const q of QUESTION_BANK.filter((q) => !q.multipleChoice)) expect(q.options.filter((o) => o.correct).length, q.code).toBe(1);
    for (const code of ['VNEID-01', 'VNEID-02', 'VNEID-03', 'DVC-01', 'DVC-02', 'DVC-03', 'ATTT-01', 'ATTT-02', 'ATTT-03', 'ATTT-04', 'TT-01', 'TT-02'])
      expect(QUESTION_BANK.some((q) => q.code === code), code).toBe(true);
  });

  it('is loaded once: loading it again on restart inserts nothing', async () => {
    const count = async () => (await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from quiz_questions`))[0].n;
    const before = await count();
    expect(before).toBeGreaterThanOrEqual(QUESTION_BANK.length);
    expect(await loadQuestionBank(t.db)).toEqual({ inserted: 0, adopted: 0 });
    expect(await count()).toBe(before);
  });

  it('lists the core quiz of the national movement with the caller’s attempts', async () => {
    const { client } = await person();
    const list = dataOf(
      await client.gql(`query($m: ID) { quizzes(movementId: $m) { id title questionCount passScore topics timeLimitSeconds maxAttempts attemptsUsed isCore movement { id } } }`, {
        m: DEMO_NATIONAL_MOVEMENT_ID,
      }),
    ).quizzes;
    expect(list[0]).toMatchObject({ id: DEMO_CORE_QUIZ_ID, questionCount: 10, passScore: 70, isCore: true, attemptsUsed: 0, movement: { id: DEMO_NATIONAL_MOVEMENT_ID } });
  });
});

describe('answers never reach the client before submission', () => {
  it('returns questions and shuffled options without any mark of the right answer or the explanations', async () => {
    const { client } = await person();
    const result = await client.gql(START, { quizId: DEMO_CORE_QUIZ_ID });
    const attempt: Attempt = dataOf(result).startQuizAttempt;
    expect(attempt.questions).toHaveLength(10);
    expect(attempt.results).toBeNull();
    expect(attempt.score).toBeNull();
    const raw = JSON.stringify({ data: result.data, errors: result.errors });
    expect(raw).not.toMatch(/isCorrect|is_correct|"correct/i);
    for (const explanation of await explanationsOf(attempt)) expect(raw).not.toContain(explanation);
    // reading the attempt back before submitting shows no more
    const again = await client.gql(ATTEMPT, { id: attempt.id });
    expect(dataOf(again).quizAttempt.results).toBeNull();
    for (const explanation of await explanationsOf(attempt)) expect(JSON.stringify(again)).not.toContain(explanation);
  });

  it('has no field for the right answer on a question or an option', async () => {
    const { client } = await person();
    const attempt = await start(client, DEMO_CORE_QUIZ_ID);
    const probe = await client.gql(`query($id: ID!) { quizAttempt(id: $id) { questions { explanation options { isCorrect correct } } } }`, { id: attempt.id });
    expect(errorCodes(probe)[0]).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('shows nothing of the answer key through introspection', async () => {
    const { client } = await person();
    const attempt = await start(client, DEMO_CORE_QUIZ_ID);
    const result = await client.gql(`{ __schema { types { name description fields { name description args { name description } } inputFields { name description } } } }`);
    const raw = JSON.stringify(dataOf(result));
    expect(raw).toContain('QuizAttempt');
    expect(raw).not.toMatch(/isCorrect|is_correct/i);
    const key = await keyOf(attempt);
    for (const ids of key.values()) for (const id of ids) expect(raw).not.toContain(id);
    for (const explanation of await explanationsOf(attempt)) expect(raw).not.toContain(explanation);
    const types = dataOf(result).__schema.types as { name: string; fields: { name: string }[] | null }[];
    for (const name of ['QuizQuestion', 'QuizOption']) expect(types.find((x) => x.name === name)!.fields!.map((f) => f.name).sort()).toEqual(name === 'QuizOption' ? ['id', 'text'] : ['id', 'multipleChoice', 'options', 'text']);
  });

  it('shuffles the options, so the right one is not always in the same place', async () => {
    const { client } = await person();
    const attempt = await start(client, DEMO_CORE_QUIZ_ID);
    const key = await keyOf(attempt);
    const places = attempt.questions.filter((q) => !q.multipleChoice).map((q) => q.options.findIndex((o) => key.get(q.id)!.has(o.id)));
    expect(new Set(places).size).toBeGreaterThan(1);
  });
});

describe('scoring on the server', () => {
  it('scores all right as 100 and passed, with explanations shown after submission', async () => {
    const { client } = await person();
    const attempt = await start(client, DEMO_CORE_QUIZ_ID);
    const done = await submit(client, attempt, right);
    expect(done).toMatchObject({ id: attempt.id, score: 100, passed: true, timedOut: false });
    expect(done.submittedAt).not.toBeNull();
    expect(done.results).toHaveLength(10);
    for (const r of done.results!) {
      expect(r.correct).toBe(true);
      expect(r.chosenOptionIds).toEqual(r.correctOptionIds);
      expect(r.explanation).toBeTruthy();
    }
  });

  it('scores all wrong as 0 and not passed', async () => {
    const { client } = await person();
    const done = await submit(client, await start(client, DEMO_CORE_QUIZ_ID), wrong);
    expect(done).toMatchObject({ score: 0, passed: false, pointsAwarded: 0 });
    expect(done.results!.every((r) => !r.correct)).toBe(true);
  });

  it('counts unanswered questions as wrong', async () => {
    const { client } = await person();
    const attempt = await start(client, DEMO_CORE_QUIZ_ID);
    const done = dataOf(await client.gql(SUBMIT, { attemptId: attempt.id, answers: [] })).submitQuizAttempt;
    expect(done).toMatchObject({ score: 0, passed: false });
  });

  it('counts a multiple-choice question only when exactly the right set is chosen', async () => {
    const quizId = await newQuiz({ topics: ['AI_BASICS'], questionCount: 30, passScore: 50 });
    const { client } = await person();
    const attempt = await start(client, quizId);
    const multi = attempt.questions.filter((q) => q.multipleChoice);
    expect(multi.length).toBeGreaterThanOrEqual(2);
    const [subset, superset] = multi;
    const done = await submit(client, attempt, (q, key) => {
      if (q.id === subset.id) return [right(q, key)[0]]; // one right option of several: not enough
      if (q.id === superset.id) return [...right(q, key), wrong(q, key)[0]]; // all right ones plus a wrong one: too many
      return right(q, key);
    });
    const n = attempt.questions.length;
    expect(done.score).toBe(Math.round(((n - 2) * 10_000) / n) / 100);
    expect(done.results!.filter((r) => !r.correct).map((r) => r.questionId).sort()).toEqual([subset.id, superset.id].sort());
  });

  it('refuses options that were not shown with the question, changing nothing', async () => {
    const { client } = await person();
    const attempt = await start(client, DEMO_CORE_QUIZ_ID);
    const [a, b] = attempt.questions;
    const bad = await client.gql(SUBMIT, { attemptId: attempt.id, answers: [{ questionId: a.id, optionIds: [b.options[0].id] }] });
    expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(dataOf(await client.gql(ATTEMPT, { id: attempt.id })).quizAttempt.submittedAt).toBeNull();
  });
});

describe('attempts: limits, ownership, no second submission', () => {
  it('gives back the open attempt when started again, and refuses a start beyond the limit', async () => {
    const quizId = await newQuiz({ maxAttempts: 2 });
    const { client } = await person();
    const first = await start(client, quizId);
    expect((await start(client, quizId)).id).toBe(first.id);
    await submit(client, first, right);
    const second = await start(client, quizId);
    expect(second.id).not.toBe(first.id);
    await submit(client, second, wrong);
    const third = await client.gql(START, { quizId });
    expect(errorCodes(third)).toEqual(['quiz/attempt-limit']);
    const quiz = dataOf(await client.gql(`{ quizzes { id attemptsUsed attemptsLeft bestScore passed } }`)).quizzes.find((q: { id: string }) => q.id === quizId);
    expect(quiz).toMatchObject({ attemptsUsed: 2, attemptsLeft: 0, bestScore: 100, passed: true });
  });

  it('does not let another person submit or read someone’s attempt', async () => {
    const owner = await person();
    const other = await person('OFFICER');
    const attempt = await start(owner.client, DEMO_CORE_QUIZ_ID);
    const stolen = await other.client.gql(SUBMIT, { attemptId: attempt.id, answers: await answers(attempt, right) });
    expect(errorCodes(stolen)).toEqual(['quiz/not-your-attempt']);
    expect(dataOf(await other.client.gql(ATTEMPT, { id: attempt.id })).quizAttempt).toBeNull();
    expect(dataOf(await owner.client.gql(ATTEMPT, { id: attempt.id })).quizAttempt.submittedAt).toBeNull();
  });

  it('requires a login to start a quiz', async () => {
    expect(errorCodes(await t.gql(START, { quizId: DEMO_CORE_QUIZ_ID }))).toEqual(['UNAUTHENTICATED']);
  });

  it('refuses to change a submitted attempt', async () => {
    const { client } = await person();
    const attempt = await start(client, DEMO_CORE_QUIZ_ID);
    await submit(client, attempt, wrong);
    const again = await client.gql(SUBMIT, { attemptId: attempt.id, answers: await answers(attempt, right) });
    expect(errorCodes(again)).toEqual(['quiz/already-submitted']);
    expect(dataOf(await client.gql(ATTEMPT, { id: attempt.id })).quizAttempt.score).toBe(0);
  });

  it('accepts a submission within the 30-second grace and refuses it after, closing the attempt', async () => {
    const quizId = await newQuiz({ timeLimitSeconds: 60 });
    const { client } = await person();
    const late = await start(client, quizId);
    expect(late.expiresAt).not.toBeNull();
    await t.db.execute(sql`update quiz_attempts set started_at = now() - interval '80 seconds' where id = ${late.id}`);
    expect((await submit(client, late, right)).score).toBe(100);

    const tooLate = await start(client, quizId);
    await t.db.execute(sql`update quiz_attempts set started_at = now() - interval '5 minutes' where id = ${tooLate.id}`);
    const refused = await client.gql(SUBMIT, { attemptId: tooLate.id, answers: await answers(tooLate, right) });
    expect(errorCodes(refused)).toEqual(['quiz/time-up']);
    const closed = dataOf(await client.gql(ATTEMPT, { id: tooLate.id })).quizAttempt;
    expect(closed).toMatchObject({ score: 0, passed: false, timedOut: true });
    expect(new Date(closed.submittedAt).getTime()).toBe(new Date(closed.expiresAt).getTime());
    expect(errorCodes(await client.gql(SUBMIT, { attemptId: tooLate.id, answers: [] }))).toEqual(['quiz/already-submitted']);
  });
});

describe('quiz points through the ledger', () => {
  const rules = DEFAULT_SCORING_RULES;

  it('awards the best passing attempt once, then only the improvement, to the citizen’s residential unit', async () => {
    // 7 of 10 right: exactly the pass score
    const first = await submit(citizen, await start(citizen, DEMO_CORE_QUIZ_ID), (q, key, i) => (i < 7 ? right(q, key) : wrong(q, key)));
    expect(first).toMatchObject({ score: 70, passed: true });
    const base70 = pointsForQuiz(rules, { score: 70, passScore: 70 });
    expect(first.pointsAwarded).toBe(base70);
    expect(await quizLedger(citizenUserId)).toEqual({ rows: 1, points: base70 });

    const [activity] = await queryRows<{ kind: string; status: string; unit_id: number; score: string; quiz_attempt_id: string; citizen_unit: number }>(
      t.db,
      sql`select a.kind, a.status, a.unit_id, a.score, a.quiz_attempt_id::text, c.unit_id as citizen_unit
          from activities a join users u on u.id = ${citizenUserId} join citizens c on c.id = u.citizen_id where a.id = ${first.id}`,
    );
    expect(activity).toMatchObject({ kind: 'QUIZ', status: 'APPROVED', quiz_attempt_id: first.id });
    expect(activity.unit_id).toBe(activity.citizen_unit);

    const second = await submit(citizen, await start(citizen, DEMO_CORE_QUIZ_ID), right);
    const base100 = pointsForQuiz(rules, { score: 100, passScore: 70 });
    expect(second.pointsAwarded).toBe(Math.round((base100 - base70) * 100) / 100);
    expect(await quizLedger(citizenUserId)).toEqual({ rows: 2, points: base100 });

    // a worse passing attempt adds nothing
    const third = await submit(citizen, await start(citizen, DEMO_CORE_QUIZ_ID), (q, key, i) => (i < 8 ? right(q, key) : wrong(q, key)));
    expect(third).toMatchObject({ score: 80, passed: true, pointsAwarded: 0 });
    expect((await quizLedger(citizenUserId)).points).toBe(base100);

    const mine = dataOf(await citizen.gql(`{ quizzes { id bestScore passed attemptsUsed } }`)).quizzes.find((q: { id: string }) => q.id === DEMO_CORE_QUIZ_ID);
    expect(mine).toMatchObject({ bestScore: 100, passed: true, attemptsUsed: 3 });
  });

  it('writes one award when the same attempt is submitted twice at once', async () => {
    const { client, id } = await person();
    const attempt = await start(client, DEMO_CORE_QUIZ_ID);
    const body = { attemptId: attempt.id, answers: await answers(attempt, right) };
    const results = await Promise.all([client.gql(SUBMIT, body), client.gql(SUBMIT, body)]);
    expect(results.map((r) => (r.errors ? errorCodes(r)[0] : 'ok')).sort()).toEqual(['ok', 'quiz/already-submitted']);
    expect((await quizLedger(id)).rows).toBe(1);
  });

  it('earns nothing for a unit outside the movement’s scope, but still records the pass', async () => {
    const quizId = await newQuiz({ movementId: DEMO_QUANG_NINH_MOVEMENT_ID, topics: ['VNEID'] });
    const { client, id } = await person('OFFICER', await unitIdByCode('08620')); // xã Long Cốc, Phú Thọ
    const done = await submit(client, await start(client, quizId), right);
    expect(done).toMatchObject({ score: 100, passed: true, pointsAwarded: 0 });
    expect(await quizLedger(id)).toEqual({ rows: 0, points: 0 });
  });

  it('earns nothing for a quiz of no movement', async () => {
    const quizId = await newQuiz({ movementId: null });
    const { client, id } = await person();
    expect((await submit(client, await start(client, quizId), right)).pointsAwarded).toBe(0);
    expect((await quizLedger(id)).rows).toBe(0);
  });

  it('leaves every total equal to the sum of the ledger', async () => {
    expect(await verifyLedger(t.db)).toEqual([]);
  });
});

describe('question bank as CSV', () => {
  async function exportCsv(client: GqlClient | null): Promise<{ status: number; text: string }> {
    const response = await fetch(`${t.url}/api/quizzes/questions.csv`, { headers: client?.cookie ? { cookie: client.cookie } : {} });
    return { status: response.status, text: await response.text() };
  }
  const HEADER = 'code,topic,multiple_choice,question,option_1,option_2,option_3,option_4,option_5,option_6,correct,explanation';

  it('exports the bank to administrators and organizers only', async () => {
    expect((await exportCsv(null)).status).toBe(401);
    expect((await exportCsv(citizen)).status).toBe(403);
    const { status, text } = await exportCsv(await t.as('organizer'));
    expect(status).toBe(200);
    expect(text.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(HEADER);
    expect(text).toContain('VNEID-01,VNEID,0,');
  });

  it('reads its own export back with no problem and nothing to change', async () => {
    const admin = await t.as('admin');
    const { text } = await exportCsv(admin);
    const result = dataOf(await admin.gql(IMPORT, { csv: text })).importQuestions;
    expect(result.problems).toEqual([]);
    expect(result).toMatchObject({ dryRun: true, written: false, created: 0, updated: 0 });
    expect(result.unchanged).toBe(result.rows);
    expect(result.rows).toBeGreaterThanOrEqual(QUESTION_BANK.length);
  });

  it('lists every bad row with its reason and writes nothing, even when asked to', async () => {
    const admin = await t.as('admin');
    const csv = [
      HEADER,
      'TEST-OK-1,CASHLESS,0,Câu hỏi hợp lệ?,Đúng,Sai,,,,,1,Giải thích.',
      'TEST-BAD-1,WEATHER,0,Chủ đề sai?,A,B,,,,,1,Giải thích.',
      'TEST-BAD-2,CASHLESS,1,Nhiều lựa chọn mà chỉ một đáp án?,A,B,C,,,,2,Giải thích.',
      'TEST-BAD-3,CASHLESS,0,Đáp án ngoài phạm vi?,A,B,,,,,5,',
      'TEST-OK-1,CASHLESS,0,Trùng mã?,A,B,,,,,1,Giải thích.',
    ].join('\n');
    const count = async () => (await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from quiz_questions`))[0].n;
    const before = await count();
    const result = dataOf(await admin.gql(IMPORT, { csv, dryRun: false })).importQuestions;
    expect(result).toMatchObject({ dryRun: false, written: false, rows: 5 });
    expect([...new Set(result.problems.map((p: { line: number }) => p.line))]).toEqual([3, 4, 5, 6]);
    expect(result.problems.find((p: { line: number }) => p.line === 3).message).toContain('Chủ đề');
    expect(result.problems.some((p: { line: number; message: string }) => p.line === 5 && p.message.includes('giải thích'))).toBe(true);
    expect(await count()).toBe(before);
  });

  it('adds clean new questions when dryRun is false, and only an administrator may change existing ones', async () => {
    const code = `TEST-${randomUUID().slice(0, 8).toUpperCase()}`;
    const csv = `${HEADER}\n${code},E_HEALTH,1,"Câu hỏi mới, có dấu phẩy?",Một,Hai,Ba,,,,1;3,Giải thích mới.\n`;
    const organizer = await t.as('organizer');
    expect(dataOf(await organizer.gql(IMPORT, { csv })).importQuestions).toMatchObject({ written: false, created: 1, problems: [] });
    expect(dataOf(await organizer.gql(IMPORT, { csv, dryRun: false })).importQuestions).toMatchObject({ written: true, created: 1 });
    const [stored] = await queryRows<{ text: string; multiple_choice: boolean; right: string }>(
      t.db,
      sql`select q.text, q.multiple_choice, string_agg(o.position::text, ';' order by o.position) filter (where o.is_correct) as right
          from quiz_questions q join quiz_options o on o.question_id = q.id where q.code = ${code} group by q.id`,
    );
    expect(stored).toEqual({ text: 'Câu hỏi mới, có dấu phẩy?', multiple_choice: true, right: '1;3' });

    const edited = csv.replace('Giải thích mới.', 'Giải thích đã sửa.');
    const refused = dataOf(await organizer.gql(IMPORT, { csv: edited, dryRun: false })).importQuestions;
    expect(refused.written).toBe(false);
    expect(refused.problems[0].message).toContain('quản trị');
    const admin = await t.as('admin');
    expect(dataOf(await admin.gql(IMPORT, { csv: edited, dryRun: false })).importQuestions).toMatchObject({ written: true, updated: 1 });
  });

  it('does not let a citizen import questions', async () => {
    expect(errorCodes(await citizen.gql(IMPORT, { csv: HEADER }))).toEqual(['FORBIDDEN']);
  });
});
