import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, errorCodes, startTestApp, type TestApp } from '../support/harness';

/** `{ unit(code: "06688") { parent { parent { … { name } } } } }` nested `levels` deep under unit */
function nestedParents(levels: number): string {
  return `{ unit(code: "06688") { ${'parent { '.repeat(levels)}name${' }'.repeat(levels)} } }`;
}

function aliases(count: number): string {
  return `{ ${Array.from({ length: count }, (_, i) => `a${i}: unit(code: "22") { name }`).join(' ')} }`;
}

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

describe('query limits', () => {
  it('answers a query of ordinary depth', async () => {
    const result = await t.gql(nestedParents(3));
    expect(result.errors).toBeUndefined();
    expect(dataOf(result).unit.parent.parent).toEqual({ parent: null });
  });

  it('refuses an over-deep query with GRAPHQL_VALIDATION_FAILED and says why in Vietnamese', async () => {
    const result = await t.gql(nestedParents(15));
    expect(result.status).toBe(400);
    expect(result.data).toBeUndefined();
    expect(errorCodes(result)).toContain('GRAPHQL_VALIDATION_FAILED');
    expect(result.errors![0].message).toMatch(/quá sâu/);
  });

  it('answers a query with a few aliases', async () => {
    const result = await t.gql(aliases(5));
    expect(result.errors).toBeUndefined();
    expect(Object.keys(dataOf(result))).toHaveLength(5);
  });

  it('refuses a query with too many aliases', async () => {
    const result = await t.gql(aliases(50));
    expect(result.status).toBe(400);
    expect(result.data).toBeUndefined();
    expect(errorCodes(result)).toContain('GRAPHQL_VALIDATION_FAILED');
    expect(result.errors![0].message).toMatch(/quá lớn|quá phức tạp/);
  });

  it('refuses a query that is not GraphQL with a Vietnamese message', async () => {
    const result = await t.gql('{ unit(code: ');
    expect(result.status).toBe(400);
    expect(errorCodes(result)).toEqual(['GRAPHQL_PARSE_FAILED']);
    expect(result.errors![0].message).toMatch(/không hợp lệ/);
  });

  it('refuses a query with more tokens than allowed, as a client error', async () => {
    const result = await t.gql(`{ ${Array.from({ length: 1500 }, (_, i) => `a${i}: __typename`).join(' ')} }`);
    expect(result.status).toBe(400);
    expect(result.data).toBeUndefined();
    expect(result.errors).toHaveLength(1);
  });

  it('refuses a field that does not exist', async () => {
    const result = await t.gql('{ unit(code: "22") { secret } }');
    expect(result.status).toBe(400);
    expect(errorCodes(result)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });
});
