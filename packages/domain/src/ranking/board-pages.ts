import type { UnitKind } from '../units/kinds';

/**
 * Long boards are read a page at a time: a national commune board is 3,321 rows, 10,000+ px on a
 * phone. The same rules serve the API (offset, the caller's row) and the web app (?trang=N).
 */

/** Rows per page of a board. */
export const BOARD_PAGE_SIZE = 50;
/** The largest offset the API accepts: beyond any board (units are in the tens of thousands). */
export const MAX_BOARD_OFFSET = 200_000;

/** Pages needed for `total` rows (at least 1, so an empty board is "page 1 of 1"). */
export function pageCount(total: number, size = BOARD_PAGE_SIZE): number {
  return Math.max(1, Math.ceil(Math.max(0, total) / size));
}

/** The 1-based page an address asks for: anything that is not a whole number from 1 reads as 1. */
export function parsePage(raw: unknown): number {
  const text = Array.isArray(raw) ? raw[0] : raw;
  if (typeof text !== 'string' && typeof text !== 'number') return 1;
  const value = typeof text === 'number' ? text : /^\d{1,6}$/.test(text.trim()) ? Number(text.trim()) : NaN;
  return Number.isInteger(value) && value >= 1 ? value : 1;
}

/** A page number kept within the board's pages. */
export function clampPage(page: number, total: number, size = BOARD_PAGE_SIZE): number {
  return Math.min(Math.max(1, Math.floor(page) || 1), pageCount(total, size));
}

/** Rows skipped before a page. */
export function offsetOfPage(page: number, size = BOARD_PAGE_SIZE): number {
  return (Math.max(1, Math.floor(page)) - 1) * size;
}

/** The page on which the row at a 0-based position is shown. */
export function pageOfPosition(position: number, size = BOARD_PAGE_SIZE): number {
  return Math.floor(Math.max(0, position) / size) + 1;
}

/**
 * Page links to show: the first, the last, the current one with a neighbour on each side, and a
 * gap (null) where pages are left out — at most 7 items, so they fit on one line of a phone.
 */
export function pageLinks(current: number, count: number): (number | null)[] {
  if (count <= 7) return Array.from({ length: count }, (_, i) => i + 1);
  const page = Math.min(Math.max(1, current), count);
  let from = Math.max(2, page - 1);
  let to = Math.min(count - 1, page + 1);
  // near an end, show more pages on the side that has room
  if (page <= 3) to = 5;
  if (page >= count - 2) from = count - 4;
  const links: (number | null)[] = [1];
  if (from > 2) links.push(null);
  for (let p = from; p <= to; p++) links.push(p);
  if (to < count - 1) links.push(null);
  links.push(count);
  return links;
}

export type BoardScopeKind = 'PROVINCE' | 'COMMUNE' | 'UNIT';

/** Where a unit sits in the tree: enough to find the row it counts for on each board. */
export interface PlacedUnit {
  id: number;
  kind: UnitKind;
  provinceId: number | null;
  communeId: number | null;
}

/**
 * The board row a person's unit counts for ("my unit"): on the province board their province, on
 * the commune board their commune, on a board of units their own unit when it is of the kind that
 * competes there. Null when the unit has no row on that board (a national account on a commune
 * board, a province office on a commune board).
 */
export function boardRowUnitOf(unit: PlacedUnit, scope: BoardScopeKind, unitKind: UnitKind = 'ORGANIZATION'): number | null {
  if (scope === 'PROVINCE') return unit.provinceId;
  if (scope === 'COMMUNE') return unit.communeId;
  return unit.kind === unitKind ? unit.id : null;
}
