import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, errorCodes, startTestApp, type TestApp } from '../support/harness';

/** Official codes from ../shared/data/vn-admin (state of 1 July 2025). */
const QUANG_NINH = '22';
const HA_LONG = '06688'; // Phường Hạ Long, Quảng Ninh
const HA_TU = '06652'; // Phường Hà Tu, Quảng Ninh (absorbed the former Phường Hà Phong)
const QUANG_NINH_COMMUNES = 54;

interface UnitNode {
  id: string;
  code: string | null;
  name: string;
  fullName: string;
  kind: string;
  population: number | null;
  parent: { id: string; code: string | null } | null;
  formerNames: string[];
}
interface Page {
  units: { nodes: UnitNode[]; totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

const UNITS = /* GraphQL */ `
  query Units($search: String, $kind: UnitKind, $parentId: ID, $first: Int, $after: String) {
    units(search: $search, kind: $kind, parentId: $parentId, first: $first, after: $after) {
      nodes { id code name fullName kind population parent { id code } formerNames }
      totalCount
      pageInfo { hasNextPage endCursor }
    }
  }
`;

let t: TestApp;
const units = async (variables: Record<string, unknown>) => dataOf(await t.gql<Page>(UNITS, variables)).units;
const codes = (nodes: UnitNode[]) => nodes.map((n) => n.code);

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

describe('the reference units', () => {
  it('serves the 34 provinces', async () => {
    const page = await units({ kind: 'PROVINCE', first: 100 });
    expect(page.totalCount).toBe(34);
    expect(page.nodes).toHaveLength(34);
    expect(page.nodes.every((n) => n.kind === 'PROVINCE' && /^\d{2}$/.test(n.code ?? ''))).toBe(true);
  });

  it('serves the 3,321 communes', async () => {
    const page = await units({ kind: 'COMMUNE', first: 1 });
    expect(page.totalCount).toBe(3321);
  });

  it('roots the tree at Việt Nam, the one unit of kind COUNTRY', async () => {
    const page = await units({ kind: 'COUNTRY' });
    expect(page.totalCount).toBe(1);
    expect(page.nodes[0]).toMatchObject({ name: 'Việt Nam', parent: null });
  });

  it('lists the communes of a province with parentId', async () => {
    const province = dataOf(await t.gql(`{ unit(code: "${QUANG_NINH}") { id } }`)).unit;
    const page = await units({ parentId: province.id, first: 100 });
    expect(page.totalCount).toBe(QUANG_NINH_COMMUNES);
    expect(page.nodes.every((n) => n.kind === 'COMMUNE' && n.parent?.id === province.id)).toBe(true);
  });
});

describe('pagination', () => {
  it('returns 20 units when no page size is given', async () => {
    const page = await units({ kind: 'COMMUNE' });
    expect(page.nodes).toHaveLength(20);
    expect(page.pageInfo.hasNextPage).toBe(true);
  });

  it('caps a page at 100 units whatever first asks for', async () => {
    const page = await units({ kind: 'COMMUNE', first: 1000 });
    expect(page.nodes).toHaveLength(100);
    expect(page.totalCount).toBe(3321);
  });

  it('walks every province exactly once by following endCursor', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page = await units({ kind: 'PROVINCE', first: 10, after });
      seen.push(...page.nodes.map((n) => n.id));
      pages++;
      if (!page.pageInfo.hasNextPage) break;
      expect(page.pageInfo.endCursor).toBeTruthy();
      after = page.pageInfo.endCursor;
      if (pages > 10) throw new Error('pagination does not end');
    }
    expect(pages).toBe(4);
    expect(seen).toHaveLength(34);
    expect(new Set(seen).size).toBe(34);
  });

  it('says there is no next page on the last page', async () => {
    const page = await units({ kind: 'PROVINCE', first: 34 });
    expect(page.nodes).toHaveLength(34);
    expect(page.pageInfo.hasNextPage).toBe(false);
  });

  it('refuses a cursor it did not issue', async () => {
    const result = await t.gql(UNITS, { kind: 'PROVINCE', after: 'not-a-cursor!' });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses a negative page size', async () => {
    const result = await t.gql(UNITS, { kind: 'PROVINCE', first: -1 });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('search', () => {
  it('finds Phường Hạ Long (Quảng Ninh) among the first results for "ha long"', async () => {
    const page = await units({ search: 'ha long', first: 10 });
    const top = page.nodes.slice(0, 3);
    expect(codes(top)).toContain(HA_LONG);
    expect(page.nodes.find((n) => n.code === HA_LONG)).toMatchObject({ fullName: 'Phường Hạ Long', parent: { code: QUANG_NINH } });
  });

  it('ignores case and diacritics', async () => {
    const variants = await Promise.all(['ha long', 'HA LONG', 'Hạ Long', 'hạ long', 'HẠ LONG'].map((search) => units({ search, first: 100 })));
    const [reference, ...others] = variants;
    expect(reference.totalCount).toBeGreaterThan(0);
    for (const other of others) {
      expect(other.totalCount).toBe(reference.totalCount);
      expect(codes(other.nodes)).toEqual(codes(reference.nodes));
    }
  });

  it('finds Phường Hà Tu by its former name "Hà Phong"', async () => {
    const page = await units({ search: 'Hà Phong', first: 10 });
    const haTu = page.nodes.find((n) => n.code === HA_TU);
    expect(haTu).toBeDefined();
    expect(haTu!.formerNames).toContain('Phường Hà Phong');
  });

  it('combines search with a kind filter', async () => {
    const page = await units({ search: 'quang ninh', kind: 'PROVINCE' });
    expect(page.totalCount).toBe(1);
    expect(page.nodes[0].code).toBe(QUANG_NINH);
  });

  it('treats % and _ in a search as plain characters', async () => {
    const page = await units({ search: '%' });
    expect(page.totalCount).toBe(0);
  });

  it('finds nothing for a name that does not exist', async () => {
    const page = await units({ search: 'khong co don vi nao ten nhu the nay' });
    expect(page).toMatchObject({ totalCount: 0, nodes: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });
});

describe('one unit', () => {
  const UNIT = /* GraphQL */ `
    query Unit($code: String, $id: ID) {
      unit(code: $code, id: $id) {
        id code name fullName kind population adultPopulation households
        parent { code name kind }
        ancestors { code name kind }
      }
    }
  `;

  it('is found by its official code, with its denominators', async () => {
    const { unit } = dataOf(await t.gql(UNIT, { code: HA_LONG }));
    expect(unit).toMatchObject({ code: HA_LONG, name: 'Hạ Long', fullName: 'Phường Hạ Long', kind: 'COMMUNE', population: 52905 });
    expect(unit.adultPopulation).toBeGreaterThan(0);
    expect(unit.adultPopulation).toBeLessThan(unit.population);
    expect(unit.households).toBeGreaterThan(0);
  });

  it('is found by its id', async () => {
    const byCode = dataOf(await t.gql(UNIT, { code: HA_LONG })).unit;
    const byId = dataOf(await t.gql(UNIT, { id: byCode.id })).unit;
    expect(byId).toEqual(byCode);
  });

  it('names its parent province', async () => {
    const { unit } = dataOf(await t.gql(UNIT, { code: HA_LONG }));
    expect(unit.parent).toEqual({ code: QUANG_NINH, name: 'Quảng Ninh', kind: 'PROVINCE' });
  });

  it('lists its ancestors from Việt Nam down to its parent', async () => {
    const { unit } = dataOf(await t.gql(UNIT, { code: HA_LONG }));
    expect(unit.ancestors.map((a: { kind: string; name: string }) => `${a.kind} ${a.name}`)).toEqual(['COUNTRY Việt Nam', 'PROVINCE Quảng Ninh']);
  });

  it('is null for a code that does not exist', async () => {
    const result = await t.gql(UNIT, { code: '99999' });
    expect(result.errors).toBeUndefined();
    expect(result.data?.unit).toBeNull();
  });

  it('needs an id or a code', async () => {
    const result = await t.gql(UNIT, {});
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
  });
});
