import { fromSpreadsheetText, spreadsheetText, TOPIC_CODES, type TopicCode } from '@thidua/domain';
import { MAX_OPTIONS, type BankQuestion } from './question-bank';

/**
 * The question bank as CSV, one question a row:
 *   code, topic, multiple_choice, question, option_1 … option_6, correct, explanation
 * `correct` lists the numbers of the right options ("1" or "1;3"). Written in UTF-8 with a BOM
 * (so Excel shows Vietnamese correctly) and read back with either "," or ";" as the separator
 * (Excel in a Vietnamese locale saves with ";").
 */

export const CSV_COLUMNS = [
  'code',
  'topic',
  'multiple_choice',
  'question',
  ...Array.from({ length: MAX_OPTIONS }, (_, i) => `option_${i + 1}`),
  'correct',
  'explanation',
] as const;
const REQUIRED_COLUMNS = ['code', 'topic', 'multiple_choice', 'question', 'option_1', 'option_2', 'correct', 'explanation'];

export const MAX_IMPORT_ROWS = 2000;
const CODE_PATTERN = /^[A-Z0-9][A-Z0-9_-]{1,39}$/;
const MAX_QUESTION_CHARS = 1000;
const MAX_OPTION_CHARS = 500;
const MAX_EXPLANATION_CHARS = 1000;

/** Checks one question of the bank (file or import); returns the problems in Vietnamese. */
export function questionProblems(q: BankQuestion): string[] {
  const problems: string[] = [];
  if (!CODE_PATTERN.test(q.code)) problems.push('Mã câu hỏi chỉ gồm chữ in hoa không dấu, chữ số, "-" hoặc "_" (2–40 ký tự), ví dụ VNEID-01.');
  if (!(TOPIC_CODES as readonly string[]).includes(q.topic)) problems.push(`Chủ đề "${q.topic}" không hợp lệ (dùng một trong: ${TOPIC_CODES.join(', ')}).`);
  if (!q.text.trim()) problems.push('Thiếu nội dung câu hỏi.');
  else if (q.text.length > MAX_QUESTION_CHARS) problems.push(`Nội dung câu hỏi tối đa ${MAX_QUESTION_CHARS} ký tự.`);
  if (q.options.length < 2) problems.push('Cần ít nhất 2 phương án.');
  if (q.options.length > MAX_OPTIONS) problems.push(`Tối đa ${MAX_OPTIONS} phương án.`);
  if (q.options.some((o) => !o.text.trim())) problems.push('Có phương án để trống.');
  if (q.options.some((o) => o.text.length > MAX_OPTION_CHARS)) problems.push(`Mỗi phương án tối đa ${MAX_OPTION_CHARS} ký tự.`);
  const texts = q.options.map((o) => o.text.trim().toLocaleLowerCase('vi'));
  if (new Set(texts).size !== texts.length) problems.push('Có hai phương án trùng nhau.');
  const correct = q.options.filter((o) => o.correct).length;
  if (q.multipleChoice) {
    if (correct < 2) problems.push('Câu nhiều lựa chọn cần ít nhất 2 phương án đúng (nếu chỉ có 1, đặt multiple_choice là 0).');
  } else if (correct !== 1) problems.push('Câu một lựa chọn cần đúng 1 phương án đúng (nếu có nhiều, đặt multiple_choice là 1).');
  if (correct >= q.options.length && q.options.length >= 2) problems.push('Cần ít nhất một phương án sai.');
  if (!q.explanation.trim()) problems.push('Thiếu phần giải thích (hiện cho người làm sau khi nộp bài).');
  else if (q.explanation.length > MAX_EXPLANATION_CHARS) problems.push(`Phần giải thích tối đa ${MAX_EXPLANATION_CHARS} ký tự.`);
  return problems;
}

// ---------------------------------------------------------------- writing

function cell(text: string): string {
  // escaped against formula injection; the reader below takes the quote off again
  const value = spreadsheetText(text);
  return /[",;\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function questionsToCsv(questions: readonly BankQuestion[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const q of questions) {
    const options = Array.from({ length: MAX_OPTIONS }, (_, i) => q.options[i]?.text ?? '');
    const correct = q.options.flatMap((o, i) => (o.correct ? [String(i + 1)] : [])).join(';');
    lines.push([q.code, q.topic, q.multipleChoice ? '1' : '0', q.text, ...options, correct, q.explanation].map(cell).join(','));
  }
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

// ---------------------------------------------------------------- reading

export interface CsvRecord {
  /** the line of the file where the record starts (1 = the header) */
  line: number;
  cells: string[];
}

/** RFC 4180 records with the line each starts on; throws on an unterminated quoted field. */
export function readCsvRecords(input: string): CsvRecord[] {
  const text = input.replace(/^\uFEFF/, '');
  const firstLine = text.slice(0, text.search(/\r|\n|$/));
  const delimiter = firstLine.includes(',') || !firstLine.includes(';') ? ',' : ';';
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let quoteLine = 0;
  const endRecord = () => {
    cells.push(field);
    records.push({ line: start, cells });
    cells = [];
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
      quoteLine = line;
    } else if (c === delimiter) {
      cells.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else field += c;
  }
  if (quoted) throw new Error(`Dòng ${quoteLine}: dấu ngoặc kép (") mở nhưng không đóng.`);
  if (field !== '' || cells.length) endRecord();
  return records;
}

export interface ParsedRow {
  line: number;
  code: string | null;
  question: BankQuestion | null;
  problems: string[];
}

export interface ParsedCsv {
  rows: ParsedRow[];
  /** problems of the file as a whole (header, size), on line 1 unless said otherwise */
  fileProblems: { line: number; message: string }[];
}

const TRUE_WORDS = new Set(['1', 'true', 'x', 'có', 'co', 'yes', 'y', 'đúng', 'dung']);
const FALSE_WORDS = new Set(['', '0', 'false', 'không', 'khong', 'no', 'n', 'sai']);

/** Reads the CSV into bank questions, with every problem of every row (nothing is written here). */
export function parseQuestionsCsv(input: string): ParsedCsv {
  let records: CsvRecord[];
  try {
    records = readCsvRecords(input);
  } catch (error) {
    return { rows: [], fileProblems: [{ line: 1, message: (error as Error).message }] };
  }
  records = records.filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (!records.length) return { rows: [], fileProblems: [{ line: 1, message: 'Tệp trống.' }] };
  const [header, ...body] = records;
  const names = header.cells.map((h) => h.trim().toLowerCase());
  const fileProblems: ParsedCsv['fileProblems'] = [];
  const missing = REQUIRED_COLUMNS.filter((c) => !names.includes(c));
  if (missing.length) fileProblems.push({ line: header.line, message: `Thiếu cột: ${missing.join(', ')}. Dòng đầu phải là: ${CSV_COLUMNS.join(',')}.` });
  const unknown = names.filter((n) => n && !(CSV_COLUMNS as readonly string[]).includes(n));
  if (unknown.length) fileProblems.push({ line: header.line, message: `Cột không được hỗ trợ: ${unknown.join(', ')}.` });
  const repeated = names.filter((n, i) => n && names.indexOf(n) !== i);
  if (repeated.length) fileProblems.push({ line: header.line, message: `Cột bị lặp: ${[...new Set(repeated)].join(', ')}.` });
  if (body.length > MAX_IMPORT_ROWS) fileProblems.push({ line: header.line, message: `Mỗi lần nhập tối đa ${MAX_IMPORT_ROWS} câu hỏi (tệp có ${body.length}).` });
  if (fileProblems.length) return { rows: [], fileProblems };
  if (!body.length) return { rows: [], fileProblems: [{ line: header.line, message: 'Tệp không có câu hỏi nào.' }] };

  const index = new Map(names.map((n, i) => [n, i]));
  const rows = body.map((record): ParsedRow => {
    // an exported bank read back: the quote put before formula-like text comes off
    const get = (name: string) => (index.has(name) ? fromSpreadsheetText((record.cells[index.get(name)!] ?? '').trim()) : '');
    const problems: string[] = [];
    if (record.cells.length > names.length) problems.push(`Dòng có ${record.cells.length} cột, nhiều hơn dòng tiêu đề (${names.length}).`);
    const code = get('code').toUpperCase();
    const topic = get('topic').toUpperCase() as TopicCode;
    const mcWord = get('multiple_choice').toLocaleLowerCase('vi');
    const multipleChoice = TRUE_WORDS.has(mcWord);
    if (!multipleChoice && !FALSE_WORDS.has(mcWord)) problems.push(`multiple_choice "${get('multiple_choice')}" không hợp lệ: dùng 1 (nhiều lựa chọn) hoặc 0 (một lựa chọn).`);
    const optionTexts = Array.from({ length: MAX_OPTIONS }, (_, i) => get(`option_${i + 1}`));
    const lastFilled = optionTexts.reduce((last, t, i) => (t ? i : last), -1);
    if (optionTexts.slice(0, lastFilled + 1).some((t) => !t)) problems.push('Các phương án phải điền liên tiếp từ option_1, không bỏ trống ở giữa.');
    const count = lastFilled + 1;
    const correctRaw = get('correct');
    const numbers = correctRaw.split(/[;,\s|]+/).filter(Boolean);
    const correct = new Set<number>();
    if (!numbers.length) problems.push('Cột correct để trống: ghi số thứ tự phương án đúng, ví dụ 2 hoặc 1;3.');
    for (const n of numbers) {
      const k = Number(n);
      if (!/^\d+$/.test(n) || k < 1 || k > count) problems.push(`Cột correct: "${n}" không phải số thứ tự của một phương án đã điền (1–${Math.max(count, 1)}).`);
      else if (correct.has(k)) problems.push(`Cột correct: phương án ${k} được ghi hai lần.`);
      else correct.add(k);
    }
    const question: BankQuestion = {
      code,
      topic,
      text: get('question'),
      multipleChoice,
      options: optionTexts.slice(0, count).map((text, i) => (correct.has(i + 1) ? { text, correct: true as const } : { text })),
      explanation: get('explanation'),
    };
    if (!code) problems.push('Thiếu mã câu hỏi (cột code).');
    problems.push(...questionProblems(question).filter((p) => code || !p.startsWith('Mã câu hỏi')));
    return { line: record.line, code: code || null, question: problems.length ? null : question, problems };
  });
  const firstLineOf = new Map<string, number>();
  for (const row of rows) {
    if (!row.code) continue;
    const first = firstLineOf.get(row.code);
    if (first === undefined) firstLineOf.set(row.code, row.line);
    else {
      row.problems.push(`Mã ${row.code} đã có ở dòng ${first}.`);
      row.question = null;
    }
  }
  return { rows, fileProblems: [] };
}
