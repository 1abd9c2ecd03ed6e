import type { Role } from '../units/kinds';

/**
 * Which roles each role may give (create, reset, disable, enable accounts of), always inside its
 * own unit subtree. Nobody gives a role above their own: an ADMIN manages staff of every role, a
 * LEADER only officers; the others manage no accounts. CITIZEN accounts come from the citizen
 * register (an officer issues them), not from here.
 */
export const GRANTABLE_ROLES: Readonly<Record<Role, readonly Role[]>> = {
  ADMIN: ['ADMIN', 'ORGANIZER', 'LEADER', 'OFFICER'],
  ORGANIZER: [],
  LEADER: ['OFFICER'],
  OFFICER: [],
  CITIZEN: [],
};

/** Roles that may open the accounts pages at all. */
export const ACCOUNT_MANAGER_ROLES: readonly Role[] = (Object.keys(GRANTABLE_ROLES) as Role[]).filter((r) => GRANTABLE_ROLES[r].length > 0);

export function mayGrantRole(actor: Role, target: Role): boolean {
  return GRANTABLE_ROLES[actor].includes(target);
}

/** Roles that edit the unit tree (inside their subtree). */
export const UNIT_ADMIN_ROLES: readonly Role[] = ['ADMIN'];

/** Roles that read the audit log: ADMIN and LEADER for their subtree, ORGANIZER for its movements. */
export const AUDIT_READER_ROLES: readonly Role[] = ['ADMIN', 'LEADER', 'ORGANIZER'];

/** Usernames: 3–40 of a–z, 0–9, dot, dash, underscore, starting with a letter or digit (stored lower case). */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,39}$/;

export function normalizeUsername(raw: string): string {
  return raw.trim().toLowerCase();
}
