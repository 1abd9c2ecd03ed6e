import type { UnitKind } from '@/gql/graphql';

/** Kinds from the top of the tree down; also the order of the kind filter. */
export const UNIT_KINDS: readonly UnitKind[] = ['COUNTRY', 'PROVINCE', 'COMMUNE', 'RESIDENTIAL_GROUP', 'ORGANIZATION'];

export function isUnitKind(value: unknown): value is UnitKind {
  return typeof value === 'string' && (UNIT_KINDS as readonly string[]).includes(value);
}

/** Ancestors root first (Việt Nam → province → commune), whichever order the API returns them in. */
export function rootFirst<T extends { kind: UnitKind }>(ancestors: readonly T[]): T[] {
  const list = [...ancestors];
  if (list.length > 1 && list[0]!.kind !== 'COUNTRY' && list[list.length - 1]!.kind === 'COUNTRY') list.reverse();
  return list;
}
