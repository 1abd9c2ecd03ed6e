/**
 * Formula injection (OWASP "CSV injection"): a spreadsheet program opening an export runs a cell
 * that starts with `=`, `+`, `-` or `@` (or a tab or carriage return before one) as a formula, so a
 * unit, a note or an account named `=HYPERLINK("http://…","Bấm vào đây")` would act in the file of
 * whoever opens it. Every text cell of every XLSX/CSV export goes through `spreadsheetText`, which
 * puts a single quote in front of such a value: the program shows it as text.
 * Numbers are not text and pass unchanged (a negative number stays a number).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** The text as it may go into a spreadsheet cell. */
export function spreadsheetText(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** A cell value for an export: text is escaped, numbers, booleans and empty cells pass unchanged. */
export function spreadsheetCell<T extends string | number | boolean | null | undefined>(value: T): T | string {
  return typeof value === 'string' ? spreadsheetText(value) : value;
}

/**
 * The inverse, for a file of ours read back (an export edited and imported again): the quote added
 * in front of a formula-like text is removed. Other text is unchanged.
 */
export function fromSpreadsheetText(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}
