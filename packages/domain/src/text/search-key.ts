/**
 * The form of a Vietnamese name used for search: lower case, no tone or vowel marks, đ → d,
 * single spaces. "Phường Hạ Long" → "phuong ha long", so a user typing "ha long" finds it.
 */
export function searchKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[’'`]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}
