import { formatClock, formatDecimal, formatInteger } from '@/app/format';
import type { LeaderboardMetric } from '@/gql/graphql';

export function formatPoints(points: number): string {
  return formatDecimal(Math.round(points * 10) / 10) ?? '0';
}

/** The value a board is ranked by: points, points per 1,000 residents, or % of targets. */
export function formatMetricValue(metric: LeaderboardMetric, value: number): string {
  if (metric === 'TARGET_COMPLETION') return `${formatDecimal(value) ?? '0'}%`;
  if (metric === 'POINTS_PER_1000') return formatDecimal(value) ?? '0';
  // mean of 1–5 stars, and the share of assists confirmed (0–1)
  if (metric === 'SATISFACTION') return `${formatDecimal(Math.round(value * 10) / 10) ?? '0'} ★`;
  if (metric === 'CONFIRMED_SHARE') return `${formatDecimal(Math.round(value * 1000) / 10) ?? '0'}%`;
  return formatPoints(value);
}

export function formatPercent(value: number | null | undefined): string | null {
  return value == null ? null : `${formatDecimal(Math.round(value * 100) / 100)}%`;
}

export { formatClock, formatInteger };
