/**
 * A LIKE/ILIKE pattern that matches `text` anywhere, with LIKE's own wildcards in it (`%`, `_`)
 * and its escape character taken literally: a search for "%" finds a literal per cent sign, not
 * every row. PostgreSQL's default escape character is the backslash.
 */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
