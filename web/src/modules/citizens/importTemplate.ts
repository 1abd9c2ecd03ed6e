/** The columns the import reads (the server also accepts them without diacritics). */
export const IMPORT_COLUMNS = [
  { name: 'Họ và tên', key: 'fullName' },
  { name: 'Năm sinh', key: 'birthYear' },
  { name: 'Số CCCD', key: 'nationalId' },
  { name: 'Số điện thoại', key: 'phone' },
  { name: 'Mã hộ', key: 'householdCode' },
  { name: 'Chủ hộ', key: 'headName' },
  { name: 'Địa chỉ', key: 'address' },
] as const;

/** Invented example rows: one household of two, and a person on their own. */
const EXAMPLE_ROWS = [
  ['Trần Văn Bình', '1962', '', '0912345678', 'HO-001', 'Trần Văn Bình', 'Số 12, ngõ 3'],
  ['Lê Thị Hoa', '1965', '', '', 'HO-001', '', ''],
  ['Đỗ Minh Quân', '1990', '', '0987654321', '', '', ''],
];

function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The template as CSV (UTF-8 with a BOM, so spreadsheet programs read the diacritics). */
export function templateCsv(): string {
  const lines = [IMPORT_COLUMNS.map((c) => c.name), ...EXAMPLE_ROWS].map((row) => row.map(csvField).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
