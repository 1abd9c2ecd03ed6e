import { hash, verify } from '@node-rs/argon2';
import { zxcvbn, zxcvbnOptions } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import { passwordShapeProblem, type PasswordProblem } from '@thidua/domain';

/** argon2id with @node-rs/argon2's defaults (OWASP: m=19 MiB, t=2, p=1): ~12 ms a hash. */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (!stored) {
    // spend the same time as a real check, so a missing user cannot be told from a wrong password
    await verify(DUMMY_HASH, password).catch(() => false);
    return false;
  }
  return verify(stored, password).catch(() => false);
}

const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$J7ZK0bVpv9u2zY5a9yq0mD0yA0m1pKgxzvWz8a6Xb0Y';

/** Words every guesser of this product's passwords tries first, beside zxcvbn's common lists. */
const LOCAL_WORDS = ['matkhau', 'matkhaumoi', 'thidua', 'thiduaso', 'binhdan', 'hocvuso', 'binhdanhocvuso', 'vietnam', 'congan', 'doanthanhnien', 'quangninh', 'hanoi', 'saigon'];
zxcvbnOptions.setOptions({ dictionary: { ...common.dictionary, thidua: LOCAL_WORDS }, graphs: common.adjacencyGraphs });

/** zxcvbn's "safely unguessable" threshold: about 10^8 guesses. */
const MIN_SCORE = 3;

/**
 * Why a new password is refused, or null: the length and username rules of the domain, then
 * zxcvbn (its lists of common passwords, names and words, keyboard patterns, dates) scoring it
 * below "safely unguessable". `personal` are words of this person (display name) it must not lean on.
 */
export function weakPasswordProblem(password: string, username: string, personal: string[] = []): PasswordProblem | null {
  const shape = passwordShapeProblem(password, username);
  if (shape) return shape;
  return zxcvbn(password, [username, ...personal.flatMap((p) => p.split(/\s+/))].filter((w) => w.length >= 3)).score < MIN_SCORE ? 'too-common' : null;
}

export const PASSWORD_PROBLEM_MESSAGE: Record<PasswordProblem, string> = {
  'too-short': 'Mật khẩu cần ít nhất 10 ký tự.',
  'too-long': 'Mật khẩu dài tối đa 128 ký tự.',
  'contains-username': 'Mật khẩu không được chứa tên đăng nhập.',
  'too-common': 'Mật khẩu quá phổ biến hoặc dễ đoán. Hãy dùng một câu dài hơn, ví dụ vài từ ghép lại.',
};
