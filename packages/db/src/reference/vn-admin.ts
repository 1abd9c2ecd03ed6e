import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { searchKey } from '@thidua/domain';
import type { Executor } from '../client';
import { unitFormerNames, units } from '../schema/index';
import { parseCsv } from './csv';
import { repoRoot } from '../repo-root';

const DATA_DIR = join(repoRoot(), 'packages/db/data/vn-admin/');

/** Ids of the reference tree are fixed, so they are the same in every database. */
export const COUNTRY_ID = 1;
const FIRST_PROVINCE_ID = 2;
const FIRST_COMMUNE_ID = 100;
/** Ids below this belong to the reference tree; units created later get ids above it. */
export const FIRST_FREE_UNIT_ID = 10_000;

// Denominators the source does not give are estimated, and say so.
export const ADULT_SHARE = 0.73;
export const PERSONS_PER_HOUSEHOLD = 3.5;
const POPULATION_SOURCE = 'Dân số: sapnhap.bando.com.vn (07/2025)';
const ESTIMATE_NOTE = `người từ 18 tuổi ≈ ${ADULT_SHARE * 100}% dân số, số hộ ≈ dân số / ${PERSONS_PER_HOUSEHOLD} (ước tính)`;

function read(name: string) {
  return parseCsv(readFileSync(DATA_DIR + name, 'utf8'));
}

export function estimateDenominators(population: number | null) {
  if (population == null) return { population: null, adultPopulation: null, households: null, denominatorsSource: null };
  return {
    population,
    adultPopulation: Math.round(population * ADULT_SHARE),
    households: Math.round(population / PERSONS_PER_HOUSEHOLD),
    denominatorsSource: `${POPULATION_SOURCE}; ${ESTIMATE_NOTE}`,
  };
}

/**
 * Loads Việt Nam, its 34 provinces and 3,321 communes (state of 1 July 2025) and the former names
 * of the units merged into each commune. Idempotent: does nothing if the country already exists.
 */
export async function loadReferenceUnits(db: Executor): Promise<{ provinces: number; communes: number; formerNames: number }> {
  const existing = await db.select({ id: units.id }).from(units).where(sql`${units.id} = ${COUNTRY_ID}`);
  if (existing.length) return { provinces: 0, communes: 0, formerNames: 0 };

  const provinces = read('provinces.csv');
  const wards = read('wards.csv');
  const predecessors = read('ward_predecessors.csv');
  const countryPopulation = provinces.reduce((sum, p) => sum + Number(p.population || 0), 0);

  const rows: (typeof units.$inferInsert)[] = [
    {
      id: COUNTRY_ID,
      code: 'VN',
      name: 'Việt Nam',
      fullName: 'Việt Nam',
      subtype: 'quốc gia',
      kind: 'COUNTRY',
      parentId: null,
      path: [COUNTRY_ID],
      depth: 0,
      searchKey: searchKey('Việt Nam'),
      ...estimateDenominators(countryPopulation),
    },
  ];
  const provinceIdByCode = new Map<string, number>();
  provinces.forEach((p, i) => {
    const id = FIRST_PROVINCE_ID + i;
    provinceIdByCode.set(p.code, id);
    rows.push({
      id,
      code: p.code,
      name: p.name,
      fullName: p.full_name,
      subtype: p.type,
      kind: 'PROVINCE',
      parentId: COUNTRY_ID,
      path: [COUNTRY_ID, id],
      depth: 1,
      provinceId: id,
      searchKey: searchKey(p.full_name),
      areaKm2: p.area_km2 || null,
      ...estimateDenominators(p.population ? Number(p.population) : null),
    });
  });
  const communeIdByCode = new Map<string, number>();
  wards.forEach((w, i) => {
    const id = FIRST_COMMUNE_ID + i;
    const provinceId = provinceIdByCode.get(w.province_code);
    if (!provinceId) throw new Error(`commune ${w.code}: unknown province ${w.province_code}`);
    communeIdByCode.set(w.code, id);
    rows.push({
      id,
      code: w.code,
      name: w.name,
      fullName: w.full_name,
      subtype: w.type,
      kind: 'COMMUNE',
      parentId: provinceId,
      path: [COUNTRY_ID, provinceId, id],
      depth: 2,
      provinceId,
      communeId: id,
      searchKey: searchKey(w.full_name),
      areaKm2: w.area_km2 || null,
      ...estimateDenominators(w.population ? Number(w.population) : null),
    });
  });
  for (let i = 0; i < rows.length; i += 500) await db.insert(units).values(rows.slice(i, i + 500));

  const former = predecessors
    .filter((p) => communeIdByCode.has(p.code))
    .map((p) => ({
      unitId: communeIdByCode.get(p.code)!,
      oldCode: p.old_code || null,
      name: p.old_name,
      searchKey: searchKey(p.old_name),
      mergeType: p.merge_type || null,
    }));
  for (let i = 0; i < former.length; i += 1000) await db.insert(unitFormerNames).values(former.slice(i, i + 1000));
  // Later units take ids above the reference range, whatever the engine.
  await db.execute(sql`select setval(pg_get_serial_sequence('units', 'id'), ${FIRST_FREE_UNIT_ID})`);
  return { provinces: provinces.length, communes: wards.length, formerNames: former.length };
}
