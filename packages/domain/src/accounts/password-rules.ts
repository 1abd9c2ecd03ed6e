/** A password is at least 10 characters (and at most 128: argon2 hashes whatever it is given). */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

export type PasswordProblem = 'too-short' | 'too-long' | 'contains-username' | 'too-common';

/**
 * The rules that need no word list: length, and not built from the username. Whether it is a
 * common password is checked on the server against a list (see api/src/modules/auth/password.ts).
 */
export function passwordShapeProblem(password: string, username: string): PasswordProblem | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return 'too-short';
  if (length > PASSWORD_MAX_LENGTH) return 'too-long';
  const name = username.trim().toLowerCase();
  if (name.length >= 3 && password.toLowerCase().includes(name)) return 'contains-username';
  return null;
}
