/**
 * A label to go inside a sentence: its first letter in lower case ("Kích hoạt VNeID" → "kích hoạt
 * VNeID"), the rest as written, so names and acronyms keep their case. A first word in capitals
 * ("AI", "VNeID") is left alone.
 */
export function lowerFirst(label: string): string {
  const [first, second] = [...label];
  if (!first || (second && second !== second.toLowerCase())) return label;
  return first.toLocaleLowerCase('vi') + label.slice(first.length);
}
