/**
 * Characters no text of Thi đua số may hold: C0 and C1 controls and DEL, the Unicode line and
 * paragraph separators, and the bidirectional embeddings, overrides and isolates, which make a
 * name or a file name read backwards on screen ("\u202egnp.exe" shows as "exe.png"). The one
 * definition for the API's input guard, spreadsheet imports, units and accounts.
 */
const INVISIBLE_FORMATTING = '\u2028\u2029\u202a-\u202e\u2066-\u2069';
const SINGLE_LINE = new RegExp(`[\\u0000-\\u001f\\u007f-\\u009f${INVISIBLE_FORMATTING}]`);
/** Multi-line text (notes, reasons, comments) may keep tab, line feed and carriage return. */
const MULTI_LINE = new RegExp(`[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f${INVISIBLE_FORMATTING}]`);

/** Whether `text` holds a character no text may hold (`multiline`: tab, line feed and carriage return are allowed). */
export function hasControlChars(text: string, multiline = false): boolean {
  return (multiline ? MULTI_LINE : SINGLE_LINE).test(text);
}
