import DataLoader from 'dataloader';
import type { Db } from '@thidua/db';
import { countChildren, findUnitsByIds, formerNamesOf, type UnitRow } from './units.queries';

/** Per-request batch loaders, so a list of units never issues one query per row. */
export interface UnitLoaders {
  unitById: DataLoader<number, UnitRow | null>;
  formerNames: DataLoader<number, string[]>;
  childCount: DataLoader<number, number>;
}

/** Each loader is made on first use: most requests (a recording, a login) need one or none. */
export function createUnitLoaders(db: Db): UnitLoaders {
  let unitById: UnitLoaders['unitById'] | undefined;
  let formerNames: UnitLoaders['formerNames'] | undefined;
  let childCount: UnitLoaders['childCount'] | undefined;
  return {
    get unitById() {
      return (unitById ??= new DataLoader(async (ids) => {
        const rows = new Map((await findUnitsByIds(db, ids)).map((u) => [u.id, u]));
        return ids.map((id) => rows.get(id) ?? null);
      }));
    },
    get formerNames() {
      return (formerNames ??= new DataLoader(async (ids) => {
        const map = await formerNamesOf(db, ids);
        return ids.map((id) => map.get(id) ?? []);
      }));
    },
    get childCount() {
      return (childCount ??= new DataLoader(async (ids) => {
        const map = await countChildren(db, ids);
        return ids.map((id) => map.get(id) ?? 0);
      }));
    },
  };
}
