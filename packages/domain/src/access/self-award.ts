/** Who a person is, as far as badges go: their account, and the citizen record and household it stands for. */
export interface BadgeIdentity {
  userId?: string | null;
  citizenId?: string | null;
  householdId?: string | null;
}

/**
 * Nobody awards a badge to themself: not to their own account (an officer's Đại sứ số), not to the
 * citizen record their account stands for (Công dân số), not to their own household (Gia đình số).
 */
export function isSelfAward(actor: BadgeIdentity, holder: BadgeIdentity): boolean {
  const same = (a: string | null | undefined, b: string | null | undefined) => !!a && !!b && a === b;
  return same(actor.userId, holder.userId) || same(actor.citizenId, holder.citizenId) || same(actor.householdId, holder.householdId);
}
