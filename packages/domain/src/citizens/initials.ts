/**
 * Initials for public display ("Nguyễn Văn An" → "N.V.A."): citizens' names are never public,
 * but a badge verification page must still say whose badge it is.
 */
export function initials(fullName: string): string {
  return fullName
    .normalize('NFC')
    .split(/\s+/)
    .map((word) => word.match(/\p{L}/u)?.[0])
    .filter((letter): letter is string => letter !== undefined)
    .map((letter) => `${letter.toLocaleUpperCase('vi')}.`)
    .join('');
}
