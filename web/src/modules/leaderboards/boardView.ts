import { clampToMovement, isIsoDate, isoWeekOf, monthOf, vietnamDateOf, type Period } from '@thidua/domain';
import type { LocationQuery, LocationQueryRaw, LocationQueryValue } from 'vue-router';
import type { LeaderboardMetric, LeaderboardScope, UnitKind } from '@/gql/graphql';

/**
 * What a leaderboard shows, as kept in the address bar so a view can be shared:
 * `?pham-vi=xa&chi-so=diem-1000-dan&ky=tuan&trong=11`. Defaults are left out of the URL.
 */
export type PeriodChoice = 'all' | 'phase' | 'month' | 'week' | 'custom';

export interface BoardView {
  /** null: the movement's natural top board (provinces for a national movement). */
  scope: LeaderboardScope | null;
  metric: LeaderboardMetric;
  period: PeriodChoice;
  phaseId: string | null;
  /** custom period only */
  from: string | null;
  to: string | null;
  /** drill-down: only the units inside this one */
  withinUnitId: string | null;
}

/** The parts of a movement the board controls depend on. */
export interface BoardMovement {
  id: string;
  status: string;
  startsOn: string;
  endsOn: string;
  competingKinds: readonly UnitKind[];
  scope: { id: string; kind: UnitKind };
  phases?: readonly { id: string; name: string; startsOn: string; endsOn: string }[];
}

export const METRICS: readonly LeaderboardMetric[] = ['POINTS', 'POINTS_PER_1000', 'TARGET_COMPLETION', 'SATISFACTION', 'CONFIRMED_SHARE'];
export const SCOPES: readonly LeaderboardScope[] = ['PROVINCE', 'COMMUNE', 'UNIT'];
export const PERIODS: readonly PeriodChoice[] = ['all', 'phase', 'month', 'week', 'custom'];

const SCOPE_SLUG: Record<LeaderboardScope, string> = { PROVINCE: 'tinh', COMMUNE: 'xa', UNIT: 'don-vi' };
const METRIC_SLUG: Record<LeaderboardMetric, string> = {
  POINTS: 'diem',
  POINTS_PER_1000: 'diem-1000-dan',
  TARGET_COMPLETION: 'chi-tieu',
  SATISFACTION: 'hai-long',
  CONFIRMED_SHARE: 'ti-le-xac-nhan',
};
const PERIOD_SLUG: Record<PeriodChoice, string> = {
  all: 'toan-phong-trao',
  phase: 'dot',
  month: 'thang-nay',
  week: 'tuan-nay',
  custom: 'tuy-chon',
};


function first(value: LocationQueryValue | LocationQueryValue[] | undefined): string {
  const v = Array.isArray(value) ? value[0] : value;
  return (v ?? '').trim();
}

function fromSlug<T extends string>(slugs: Record<T, string>, slug: string): T | null {
  const found = (Object.keys(slugs) as T[]).find((key) => slugs[key] === slug);
  return found ?? null;
}

export function parseBoardView(query: LocationQuery): BoardView {
  const period = fromSlug(PERIOD_SLUG, first(query.ky)) ?? 'all';
  const from = first(query.tu);
  const to = first(query.den);
  const within = first(query.trong);
  return {
    scope: fromSlug(SCOPE_SLUG, first(query['pham-vi'])),
    metric: fromSlug(METRIC_SLUG, first(query['chi-so'])) ?? 'POINTS',
    period,
    phaseId: period === 'phase' ? first(query.dot) || null : null,
    from: period === 'custom' && isIsoDate(from) ? from : null,
    to: period === 'custom' && isIsoDate(to) ? to : null,
    withinUnitId: /^[\w-]{1,64}$/.test(within) ? within : null,
  };
}

export function boardViewQuery(view: BoardView): LocationQueryRaw {
  const query: LocationQueryRaw = {};
  if (view.scope) query['pham-vi'] = SCOPE_SLUG[view.scope];
  if (view.metric !== 'POINTS') query['chi-so'] = METRIC_SLUG[view.metric];
  if (view.period !== 'all') query.ky = PERIOD_SLUG[view.period];
  if (view.period === 'phase' && view.phaseId) query.dot = view.phaseId;
  if (view.period === 'custom') {
    if (view.from) query.tu = view.from;
    if (view.to) query.den = view.to;
  }
  if (view.withinUnitId) query.trong = view.withinUnitId;
  return query;
}

/** Today in Vietnam (what "this week" and "this month" mean for every user). */
export function todayInVietnam(now: Date = new Date()): string {
  return vietnamDateOf(now);
}

/** Board scopes a movement can show: provinces only for a national movement, units only if they compete. */
export function availableScopes(movement: BoardMovement): LeaderboardScope[] {
  const scopes: LeaderboardScope[] = [];
  if (movement.scope.kind === 'COUNTRY') scopes.push('PROVINCE');
  if (movement.scope.kind === 'COUNTRY' || movement.scope.kind === 'PROVINCE') scopes.push('COMMUNE');
  if (
    movement.competingKinds.includes('ORGANIZATION') ||
    movement.competingKinds.includes('RESIDENTIAL_GROUP') ||
    scopes.length === 0
  )
    scopes.push('UNIT');
  return scopes;
}

/** The board a movement opens on: its widest scope. */
export function defaultScope(movement: BoardMovement): LeaderboardScope {
  return availableScopes(movement)[0]!;
}

/** With scope UNIT, which kind of unit competes (the API's default is ORGANIZATION). */
export function unitKindFor(movement: BoardMovement): UnitKind | null {
  if (movement.competingKinds.includes('ORGANIZATION')) return null;
  return movement.competingKinds.includes('RESIDENTIAL_GROUP') ? 'RESIDENTIAL_GROUP' : null;
}

/** The board one level down from a unit of this kind (a province → its communes → their units). */
export function drillScope(kind: UnitKind, movement: BoardMovement): LeaderboardScope | null {
  const scopes = availableScopes(movement);
  if (kind === 'COUNTRY') return scopes[0] ?? null;
  if (kind === 'PROVINCE') return scopes.includes('COMMUNE') ? 'COMMUNE' : scopes.includes('UNIT') ? 'UNIT' : null;
  if (kind === 'COMMUNE') return scopes.includes('UNIT') ? 'UNIT' : null;
  return null;
}

/** The board a unit is ranked on: provinces among provinces, communes among communes, others as units. */
export function naturalScope(kind: UnitKind): LeaderboardScope {
  if (kind === 'PROVINCE') return 'PROVINCE';
  if (kind === 'COMMUNE') return 'COMMUNE';
  return 'UNIT';
}

export type ResolvedPeriod =
  | { ok: true; from: string | null; to: string | null; phaseId: string | null }
  | { ok: false; reason: 'outside' | 'incomplete' | 'invalid' };

/** The dates to ask the API for; "this week/month" are clipped to the movement's dates. */
export function resolvePeriod(view: BoardView, movement: BoardMovement, today = todayInVietnam()): ResolvedPeriod {
  const whole: Period = { from: movement.startsOn, to: movement.endsOn };
  const clamp = (period: Period): ResolvedPeriod => {
    const clamped = clampToMovement(period, whole);
    return clamped ? { ok: true, from: clamped.from, to: clamped.to, phaseId: null } : { ok: false, reason: 'outside' };
  };
  switch (view.period) {
    case 'all':
      return { ok: true, from: null, to: null, phaseId: null };
    case 'phase':
      if (!view.phaseId || !movement.phases?.some((p) => p.id === view.phaseId)) return { ok: false, reason: 'incomplete' };
      return { ok: true, from: null, to: null, phaseId: view.phaseId };
    case 'month':
      return clamp(monthOf(today));
    case 'week': {
      const week = isoWeekOf(today);
      return clamp({ from: week.from, to: week.to });
    }
    case 'custom':
      if (!view.from || !view.to) return { ok: false, reason: 'incomplete' };
      if (view.from > view.to) return { ok: false, reason: 'invalid' };
      return clamp({ from: view.from, to: view.to });
  }
}

/** Periods the current date allows (a closed movement has no "this week"). */
export function periodAvailable(choice: PeriodChoice, movement: BoardMovement, today = todayInVietnam()): boolean {
  if (choice === 'phase') return Boolean(movement.phases?.length);
  if (choice === 'month' || choice === 'week')
    return resolvePeriod({ ...emptyView(), period: choice }, movement, today).ok;
  return true;
}

export function emptyView(): BoardView {
  return { scope: null, metric: 'POINTS', period: 'all', phaseId: null, from: null, to: null, withinUnitId: null };
}

/** Export links: the same board as a file (XLSX or CSV) with Vietnamese headers. */
export function leaderboardExportUrl(
  format: 'xlsx' | 'csv',
  params: {
    movementId: string;
    scope: LeaderboardScope;
    metric: LeaderboardMetric;
    from?: string | null;
    to?: string | null;
    phaseId?: string | null;
    withinUnitId?: string | null;
    unitKind?: UnitKind | null;
  },
): string {
  const search = new URLSearchParams({ movementId: params.movementId, scope: params.scope, metric: params.metric });
  if (params.phaseId) search.set('phaseId', params.phaseId);
  if (params.from) search.set('from', params.from);
  if (params.to) search.set('to', params.to);
  if (params.withinUnitId) search.set('withinUnitId', params.withinUnitId);
  if (params.unitKind) search.set('unitKind', params.unitKind);
  return `/api/export/leaderboard.${format}?${search.toString()}`;
}

export function targetsExportUrl(format: 'xlsx' | 'csv', movementId: string, unitId: string): string {
  return `/api/export/targets.${format}?${new URLSearchParams({ movementId, unitId }).toString()}`;
}
