import ExcelJS from 'exceljs';
import { parseCsv } from '@thidua/db';
import { hasControlChars, searchKey } from '@thidua/domain';
import { badInput } from '../errors';

/**
 * Reading the spreadsheets wards already keep (CSV in UTF-8, or XLSX), shared by every import:
 * the same bounds, the same header matching (case and diacritics ignored, a few aliases per
 * column), the same row numbers as the user sees them (the header is row 1).
 */
export const MAX_IMPORT_BYTES = 2_000_000;
export const MAX_IMPORT_ROWS = 5_000;
export type SpreadsheetFormat = 'CSV' | 'XLSX';

/** A sheet row as text, keyed by the header as written. */
export type RawRow = Record<string, string>;

/** Decodes the base64 content and refuses an empty or oversized file (BAD_USER_INPUT). */
export function decodeImportFile(contentBase64: string): Buffer {
  // base64 of 2 MB is ~2.7 MB of text: refuse a much longer string before decoding it
  if (contentBase64.length > Math.ceil((MAX_IMPORT_BYTES * 4) / 3) + 16) throw badInput('Tệp quá lớn (tối đa 2 MB).');
  const bytes = Buffer.from(contentBase64, 'base64');
  if (!bytes.length) throw badInput('Tệp rỗng.');
  if (bytes.length > MAX_IMPORT_BYTES) throw badInput('Tệp quá lớn (tối đa 2 MB).');
  return bytes;
}

/**
 * The rows of the file's first sheet, header excluded, bounded to MAX_IMPORT_ROWS.
 * `cellText` may rewrite an XLSX cell's text (e.g. a national-ID number Excel stored as a number).
 */
export async function readSpreadsheet(
  bytes: Buffer,
  format: SpreadsheetFormat,
  cellText?: (header: string, text: string, cell: ExcelJS.Cell) => string,
): Promise<RawRow[]> {
  const rows = format === 'CSV' ? parseCsv(bytes.toString('utf8').replace(/^\uFEFF/, '')) : await readXlsx(bytes, cellText);
  if (rows.length > MAX_IMPORT_ROWS) throw badInput(`Tối đa ${MAX_IMPORT_ROWS.toLocaleString('vi-VN')} dòng mỗi lần nhập.`);
  return rows;
}

async function readXlsx(bytes: Buffer, cellText?: (header: string, text: string, cell: ExcelJS.Cell) => string): Promise<RawRow[]> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw badInput('Không đọc được tệp XLSX.');
  }
  const sheet = book.worksheets[0];
  if (!sheet) return [];
  if (sheet.rowCount > MAX_IMPORT_ROWS + 1) throw badInput(`Tối đa ${MAX_IMPORT_ROWS.toLocaleString('vi-VN')} dòng mỗi lần nhập.`);
  const header: string[] = [];
  sheet.getRow(1).eachCell((cell, col) => (header[col] = String(cell.text ?? '').trim()));
  const rows: RawRow[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const rec: RawRow = {};
    header.forEach((h, col) => {
      if (!h) return;
      const cell = row.getCell(col);
      const text = String(cell.text ?? '').trim();
      rec[h] = cellText ? cellText(h, text, cell) : text;
    });
    rows.push(rec);
  }
  return rows;
}

/** The key a header is matched by: lower case, no diacritics, underscores as spaces. */
export const headerKey = (header: string) => searchKey(header).replace(/_/g, ' ');

/**
 * Renames a row's columns to canonical keys through `aliases` (written as headerKey() gives
 * them); columns not named there are dropped.
 */
export function normalizeHeaders(raw: RawRow, aliases: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    const key = aliases[headerKey(k)];
    if (key) out[key] = String(v ?? '');
  }
  return out;
}

export const isBlankRow = (row: Record<string, string>) => Object.values(row).every((v) => !v.trim());

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * What is wrong with one text cell of an imported file, in Vietnamese, or null: the same
 * characters are refused as in the API's own fields (hasControlChars), and the cell is bounded.
 * A line break inside a CSV cell is nearly always a quote left open, which runs the following
 * lines into the cell: said so, rather than "a control character".
 */
export function cellProblem(text: string, max: number): string | null {
  if (/[\r\n]/.test(text)) return 'Ô này có dấu xuống dòng, thường do thiếu dấu ngoặc kép (") đóng trong tệp CSV.';
  if (hasControlChars(text)) return 'Có ký tự điều khiển không được phép.';
  if (LONE_SURROGATE.test(text)) return 'Có ký tự không hợp lệ.';
  if (text.length > max) return `Tối đa ${max.toLocaleString('vi-VN')} ký tự.`;
  return null;
}
