import { pgEnum } from 'drizzle-orm/pg-core';
import { ACTIVITY_KINDS, ACTIVITY_STATUSES, MOVEMENT_STATUSES, ROLES, UNIT_KINDS } from '@thidua/domain';

export const unitKind = pgEnum('unit_kind', UNIT_KINDS);
export const role = pgEnum('role', ROLES);
export const movementStatus = pgEnum('movement_status', MOVEMENT_STATUSES);
export const activityKind = pgEnum('activity_kind', ACTIVITY_KINDS);
export const activityStatus = pgEnum('activity_status', ACTIVITY_STATUSES);
/** A ledger row either awards points or reverses an earlier award. */
export const ledgerEntryKind = pgEnum('ledger_entry_kind', ['AWARD', 'REVERSAL', 'ADJUSTMENT']);
export const badgeAudience = pgEnum('badge_audience', ['CITIZEN', 'HOUSEHOLD', 'OFFICER', 'UNIT']);
export const awardStatus = pgEnum('award_status', ['VALID', 'REVOKED']);
