import ExcelJS from 'exceljs';
import { parseCsv } from '@thidua/db';
import { searchKey } from '@thidua/domain';
import { badInput } from '../errors';

/** Bounds of every import (citizens, units, accounts): what a ward's sheet needs, no more. */
export const MAX_IMPORT_BYTES = 2_000_000;
export const MAX_IMPORT_ROWS = 5_000;

export type SheetFormat = 'CSV' | 'XLSX';

/** Header → canonical column key, matched without case or diacritics ("Họ và tên" = "ho va ten"). */
export type HeaderAliases = Record<string, string>;

export function canonicalHeader(header: string, aliases: HeaderAliases): string | undefined {
  const key = searchKey(header);
  return aliases[key] ?? aliases[key.replace(/_/g, ' ')];
}

/**
 * Reads the first sheet of an upload (base64 CSV in UTF-8, or XLSX) into rows keyed by canonical
 * column; unknown columns are dropped. Row i of the result is line i + 2 of the sheet (line 1 is the
 * header), which is how problems are reported. Refuses empty, oversized and unreadable files.
 * `cellText` may adjust a numeric XLSX cell's text (leading zeros lost by spreadsheet programs).
 */
export async function readSheet(
  contentBase64: string,
  format: SheetFormat,
  aliases: HeaderAliases,
  cellText?: (column: string, text: string, value: unknown) => string,
): Promise<Record<string, string>[]> {
  if (contentBase64.length > Math.ceil((MAX_IMPORT_BYTES * 4) / 3) + 4) throw badInput('Tệp quá lớn (tối đa 2 MB).');
  const bytes = Buffer.from(contentBase64, 'base64');
  if (!bytes.length) throw badInput('Tệp rỗng.');
  if (bytes.length > MAX_IMPORT_BYTES) throw badInput('Tệp quá lớn (tối đa 2 MB).');
  const raw = format === 'CSV' ? parseCsv(bytes.toString('utf8').replace(/^\uFEFF/, '')) : await readXlsx(bytes);
  if (raw.length > MAX_IMPORT_ROWS) throw badInput(`Tối đa ${MAX_IMPORT_ROWS} dòng mỗi lần nhập.`);
  return raw.map((r) => {
    const out: Record<string, string> = {};
    for (const [header, value] of Object.entries(r)) {
      const column = canonicalHeader(header, aliases);
      if (column) out[column] = cellText && typeof value !== 'string' ? cellText(column, value.text, value.value) : typeof value === 'string' ? value : value.text;
    }
    return out;
  });
}

/** A row with no text in any column (spreadsheets keep formatted empty rows). */
export function isBlankRow(row: Record<string, string>): boolean {
  return Object.values(row).every((v) => !v.trim());
}

async function readXlsx(bytes: Buffer): Promise<Record<string, { text: string; value: unknown }>[]> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw badInput('Không đọc được tệp XLSX.');
  }
  const sheet = book.worksheets[0];
  if (!sheet) return [];
  if (sheet.rowCount > MAX_IMPORT_ROWS + 1) throw badInput(`Tối đa ${MAX_IMPORT_ROWS} dòng mỗi lần nhập.`);
  const header: string[] = [];
  sheet.getRow(1).eachCell((cell, col) => (header[col] = String(cell.text ?? '').trim()));
  const rows: Record<string, { text: string; value: unknown }>[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const rec: Record<string, { text: string; value: unknown }> = {};
    header.forEach((h, col) => {
      if (!h) return;
      const cell = row.getCell(col);
      rec[h] = { text: String(cell.text ?? '').trim(), value: cell.value };
    });
    rows.push(rec);
  }
  return rows;
}
