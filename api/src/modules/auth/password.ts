import { hash, verify } from '@node-rs/argon2';

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
