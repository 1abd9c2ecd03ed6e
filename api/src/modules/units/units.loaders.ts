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
class LazyUnitLoaders implements UnitLoaders {
  private byId: UnitLoaders['unitById'] | undefined;
  private names: UnitLoaders['formerNames'] | undefined;
  private children: UnitLoaders['childCount'] | undefined;
  constructor(private readonly db: Db) {}

  get unitById() {
    return (this.byId ??= new DataLoader(async (ids) => {
      const rows = new Map((await findUnitsByIds(this.db, ids)).map((u) => [u.id, u]));
      return ids.map((id) => rows.get(id) ?? null);
    }));
  }
  get formerNames() {
    return (this.names ??= new DataLoader(async (ids) => {
      const map = await formerNamesOf(this.db, ids);
      return ids.map((id) => map.get(id) ?? []);
    }));
  }
  get childCount() {
    return (this.children ??= new DataLoader(async (ids) => {
      const map = await countChildren(this.db, ids);
      return ids.map((id) => map.get(id) ?? 0);
    }));
  }
}

export function createUnitLoaders(db: Db): UnitLoaders {
  return new LazyUnitLoaders(db);
}
