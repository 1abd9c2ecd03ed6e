/** Lower case without diacritics ("Hạ Long" → "ha long"), as the server compares names. */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** The former names that explain why a unit matched the search (e.g. "Hà Phong" for Phường Hà Tu). */
export function matchingFormerNames(formerNames: readonly string[], currentName: string, search: string): string[] {
  const needle = foldVietnamese(search);
  if (!needle || foldVietnamese(currentName).includes(needle)) return [];
  return formerNames.filter((name) => foldVietnamese(name).includes(needle));
}
