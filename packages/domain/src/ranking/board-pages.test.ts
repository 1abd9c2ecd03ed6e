import { describe, expect, it } from 'vitest';
import { boardRowUnitOf, clampPage, offsetOfPage, pageCount, pageLinks, pageOfPosition, parsePage, type PlacedUnit } from './board-pages';

describe('board pages', () => {
  it.each<[number, number]>([
    [0, 1],
    [1, 1],
    [50, 1],
    [51, 2],
    [3321, 67],
  ])('needs %i rows on %i page(s) of 50', (total, pages) => {
    expect(pageCount(total)).toBe(pages);
  });

  it.each<[unknown, number]>([
    ['3', 3],
    [' 12 ', 12],
    [['4', '9'], 4],
    ['0', 1],
    ['-2', 1],
    ['2.5', 1],
    ['abc', 1],
    ['9999999', 1],
    [undefined, 1],
    [7, 7],
  ])('reads ?trang=%j as page %i', (raw, page) => {
    expect(parsePage(raw)).toBe(page);
  });

  it('keeps a page inside the board', () => {
    expect(clampPage(99, 120)).toBe(3);
    expect(clampPage(0, 120)).toBe(1);
    expect(clampPage(2, 0)).toBe(1);
  });

  it('turns pages into offsets and positions into pages', () => {
    expect(offsetOfPage(1)).toBe(0);
    expect(offsetOfPage(3)).toBe(100);
    expect(pageOfPosition(0)).toBe(1);
    expect(pageOfPosition(49)).toBe(1);
    expect(pageOfPosition(50)).toBe(2);
    expect(pageOfPosition(3320)).toBe(67);
  });

  it.each<[number, number, (number | null)[]]>([
    [1, 1, [1]],
    [2, 5, [1, 2, 3, 4, 5]],
    [1, 7, [1, 2, 3, 4, 5, 6, 7]],
    [1, 67, [1, 2, 3, 4, 5, null, 67]],
    [4, 67, [1, null, 3, 4, 5, null, 67]],
    [33, 67, [1, null, 32, 33, 34, null, 67]],
    [66, 67, [1, null, 63, 64, 65, 66, 67]],
    [200, 67, [1, null, 63, 64, 65, 66, 67]],
  ])('links page %i of %i as %j', (current, count, links) => {
    expect(pageLinks(current, count)).toEqual(links);
    expect(pageLinks(current, count).length).toBeLessThanOrEqual(7);
  });
});

describe('boardRowUnitOf', () => {
  const police: PlacedUnit = { id: 900, kind: 'ORGANIZATION', provinceId: 22, communeId: 2201 };
  const commune: PlacedUnit = { id: 2201, kind: 'COMMUNE', provinceId: 22, communeId: 2201 };
  const provinceOffice: PlacedUnit = { id: 800, kind: 'ORGANIZATION', provinceId: 22, communeId: null };
  const nation: PlacedUnit = { id: 1, kind: 'COUNTRY', provinceId: null, communeId: null };

  it.each<[string, PlacedUnit, 'PROVINCE' | 'COMMUNE' | 'UNIT', number | null]>([
    ['a police station counts for its province on the province board', police, 'PROVINCE', 22],
    ['a police station counts for its commune on the commune board', police, 'COMMUNE', 2201],
    ['a police station is its own row on the board of units', police, 'UNIT', 900],
    ['a commune leader sees the commune itself on the commune board', commune, 'COMMUNE', 2201],
    ['a commune has no row on a board of organizations', commune, 'UNIT', null],
    ['a province office has no commune row', provinceOffice, 'COMMUNE', null],
    ['a national account has no province row', nation, 'PROVINCE', null],
  ])('%s', (_label, unit, scope, expected) => {
    expect(boardRowUnitOf(unit, scope)).toBe(expected);
  });

  it('follows the kind of unit that competes on a board of units', () => {
    const group: PlacedUnit = { id: 5, kind: 'RESIDENTIAL_GROUP', provinceId: 22, communeId: 2201 };
    expect(boardRowUnitOf(group, 'UNIT', 'RESIDENTIAL_GROUP')).toBe(5);
    expect(boardRowUnitOf(group, 'UNIT')).toBeNull();
  });
});
