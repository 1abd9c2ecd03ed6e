/** The columns the account import reads (the server also accepts "Mã đơn vị" instead of "Đơn vị"). */
export const ACCOUNT_IMPORT_COLUMNS = ['Tên đăng nhập', 'Họ và tên', 'Vai trò', 'Đơn vị'] as const;

/** Invented example rows: units by their name path below the importer's unit. */
const EXAMPLE_ROWS = [
  ['nguyen.van.an', 'Nguyễn Văn An', 'Cán bộ', 'Hạ Long / Công an phường Hạ Long'],
  ['tran.thi.binh', 'Trần Thị Bình', 'Cán bộ', 'Hạ Long'],
];

function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The template as CSV (UTF-8 with a BOM, so spreadsheet programs read the diacritics). */
export function accountTemplateCsv(): string {
  const lines = [[...ACCOUNT_IMPORT_COLUMNS], ...EXAMPLE_ROWS].map((row) => row.map(csvField).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
