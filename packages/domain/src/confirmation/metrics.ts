/**
 * What the people helped say, as board metrics and as a plausibility signal for reviewers. Pure
 * functions over per-unit counters: approved assists, the confirmed ones among them, the sum of
 * their ratings.
 */

/**
 * A unit is ranked by satisfaction only with at least this many confirmed assists, and by
 * confirmed share only with at least this many approved assists: one 5-star rating says little.
 * Units below are listed apart, not ranked, as units without population are on per-capita boards.
 */
export const MIN_CONFIRMATION_SAMPLE = 5;

export interface ConfirmationCounters {
  /** approved assists */
  assists: number;
  /** approved assists the person helped confirmed */
  confirmed: number;
  /** the sum of their ratings (1–5 each) */
  ratingSum: number;
}

/** Mean rating of confirmed assists (1–5), or null below the minimum sample. */
export function satisfaction(c: ConfirmationCounters, minSample = MIN_CONFIRMATION_SAMPLE): number | null {
  if (c.confirmed < Math.max(1, minSample)) return null;
  return c.ratingSum / c.confirmed;
}

/**
 * Confirmed ÷ approved assists (0–1), or null below the minimum sample of approved assists. The
 * sample is of assists, not of confirmations: a unit whose assists are never confirmed must rank
 * low, not vanish from the board.
 */
export function confirmedShare(c: ConfirmationCounters, minSample = MIN_CONFIRMATION_SAMPLE): number | null {
  if (c.assists < Math.max(1, minSample) || c.assists <= 0) return null;
  return Math.min(1, c.confirmed / c.assists);
}

/** A unit's share is "far below" its commune's when it is under this fraction of it… */
export const FAR_BELOW_FACTOR = 0.5;
/** …both sides have at least this many approved assists… */
export const PLAUSIBILITY_MIN_ASSISTS = 10;
/** …and the rest of the commune confirms at least this share (a commune nobody confirms in says nothing). */
export const PLAUSIBILITY_MIN_AREA_SHARE = 0.2;

export interface ConfirmationPlausibility {
  unitShare: number;
  /** the share of the rest of the commune (the unit's own assists left out) */
  areaShare: number;
  flagged: boolean;
}

/**
 * Compares a unit's confirmed share with the rest of its commune's. Many assists that the people
 * helped never confirm, where the neighbours' are confirmed, is a reason to look twice; it is a
 * signal for reviewers, never a penalty. Null when either side is too small to compare.
 */
export function confirmationPlausibility(unit: ConfirmationCounters, commune: ConfirmationCounters): ConfirmationPlausibility | null {
  const rest = { assists: commune.assists - unit.assists, confirmed: commune.confirmed - unit.confirmed };
  if (unit.assists < PLAUSIBILITY_MIN_ASSISTS || rest.assists < PLAUSIBILITY_MIN_ASSISTS) return null;
  const unitShare = unit.confirmed / unit.assists;
  const areaShare = Math.max(0, rest.confirmed) / rest.assists;
  return { unitShare, areaShare, flagged: areaShare >= PLAUSIBILITY_MIN_AREA_SHARE && unitShare < areaShare * FAR_BELOW_FACTOR };
}
