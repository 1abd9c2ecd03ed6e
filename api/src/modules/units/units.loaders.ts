import DataLoader from 'dataloader';
import type { Db } from '@thidua/db';
import { countChildren, findUnitsByIds, formerNamesOf, type UnitRow } from './units.queries';

/** Per-request batch loaders, so a list of units never issues one query per row. */
export interface UnitLoaders {
  unitById: DataLoader<number, UnitRow | null>;
  formerNames: DataLoader<number, string[]>;
  childCount: DataLoader<number, number>;
}

export function createUnitLoaders(db: Db): UnitLoaders {
  return {
    unitById: new DataLoader(async (ids) => {
      const rows = new Map((await findUnitsByIds(db, ids)).map((u) => [u.id, u]));
      return ids.map((id) => rows.get(id) ?? null);
    }),
    formerNames: new DataLoader(async (ids) => {
      const map = await formerNamesOf(db, ids);
      return ids.map((id) => map.get(id) ?? []);
    }),
    childCount: new DataLoader(async (ids) => {
      const map = await countChildren(db, ids);
      return ids.map((id) => map.get(id) ?? 0);
    }),
  };
}
