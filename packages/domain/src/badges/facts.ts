import type { UnitKind } from '../units/kinds';

/** Who competes in a movement: units of these kinds (an organization only of the subtype, when one is set). */
export interface Competition {
  kinds: readonly string[];
  subtype: string | null;
}

export function competesAsUnit(unit: { kind: UnitKind | string; subtype: string | null }, competition: Competition): boolean {
  if (!competition.kinds.includes(unit.kind)) return false;
  return unit.kind !== 'ORGANIZATION' || !competition.subtype || unit.subtype === competition.subtype;
}

export type FrozenScope = 'PROVINCE' | 'COMMUNE' | 'UNIT';

/** The final board a unit of this kind is ranked on: provinces and communes on their own boards, others on the unit board. */
export function boardOfKind(kind: UnitKind | string): FrozenScope {
  return kind === 'PROVINCE' ? 'PROVINCE' : kind === 'COMMUNE' ? 'COMMUNE' : 'UNIT';
}

export interface FrozenStanding {
  scope: string;
  unitId: number;
  rank: number;
  points: number;
  kind: UnitKind | string;
  subtype: string | null;
}

/**
 * The final rank of each competing unit among the competitors of its board, for unit badges. A
 * commune ranked on the commune board of a movement where only organizations compete is no
 * competitor and gets no rank; nor does a non-competing unit take a place from one that competes
 * (ranks are recounted among competitors, ties kept: 1, 1, 3). Units without points are not ranked.
 */
export function competitorFinalRanks(standings: readonly FrozenStanding[], competition: Competition): Map<number, number> {
  const byBoard = new Map<string, FrozenStanding[]>();
  for (const s of standings) {
    if (!(s.points > 0) || s.scope !== boardOfKind(s.kind) || !competesAsUnit(s, competition)) continue;
    const list = byBoard.get(s.scope) ?? [];
    list.push(s);
    byBoard.set(s.scope, list);
  }
  const ranks = new Map<number, number>();
  for (const list of byBoard.values())
    for (const s of list) ranks.set(s.unitId, 1 + list.filter((other) => other.rank < s.rank).length);
  return ranks;
}

/** An approved help given to a learner (an assist for them, or a class they attended), by its date. */
export interface Help {
  citizenId: string;
  on: string;
}

/** A passed core quiz, by the (Vietnam) date it was passed. */
export interface Pass {
  citizenId: string;
  on: string;
}

/**
 * Learners a mentor helped who passed the core quiz afterwards (on the day of a help or later),
 * each counted once: a learner who had passed before the mentor ever helped them is not the
 * mentor's result.
 */
export function mentoredLearnersPassed(helps: readonly Help[], passes: readonly Pass[]): number {
  const firstHelp = new Map<string, string>();
  for (const h of helps) {
    const seen = firstHelp.get(h.citizenId);
    if (!seen || h.on < seen) firstHelp.set(h.citizenId, h.on);
  }
  const counted = new Set<string>();
  for (const p of passes) {
    const helpedOn = firstHelp.get(p.citizenId);
    if (helpedOn && p.on >= helpedOn) counted.add(p.citizenId);
  }
  return counted.size;
}
