import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedInputType,
  type GraphQLSchema,
} from 'graphql';
import { queryRows, sql } from '@thidua/db';
import { DEMO_CORE_QUIZ_ID, DEMO_MOVEMENT_IDS } from '@thidua/api/src/demo/catalog';
import { getSchema } from '@thidua/api/src/graphql/schema';
import { PUBLIC_OPERATIONS } from '@thidua/api/src/graphql/input-rules';
import { startTestApp, type GqlClient, type GqlResult, type TestApp } from '../support/harness';

/**
 * Schema-driven fuzzing: every argument of every query and mutation, down through input objects
 * and lists, gets hostile values (control characters, 1 MB strings, extreme numbers, malformed
 * dates and ids), sent by an anonymous visitor and by a signed-in ADMIN, the other arguments
 * being plausible. Whatever comes back is never INTERNAL_SERVER_ERROR nor a 5xx, a refused call
 * writes nothing, an anonymous call to an operation that needs sign-in answers UNAUTHENTICATED,
 * and the values every input rule forbids are refused wherever they are sent.
 */

/** Tables a call could write to; a refused call must leave every count as it was. */
const TABLES = ['users', 'units', 'movements', 'movement_phases', 'targets', 'scoring_rule_versions', 'activities', 'activity_participants', 'points_ledger', 'citizens', 'households', 'badge_awards', 'quiz_attempts', 'quiz_questions', 'evidence_files', 'audit_log'];

type Leaf = { path: (string | number)[]; type: GraphQLNamedInputType; name: string };
type Hostile = { label: string; value: unknown; forbidden: boolean };

const MB = 'x'.repeat(1 << 20);
/** file contents (base64, CSV) may be larger than 1 MB */
const FILE_ARGUMENTS = new Set(['contentBase64', 'csv']);

/** Hostile values for a leaf; `forbidden` ones break an input rule and must always be refused. */
function hostileValues(type: GraphQLNamedInputType): Hostile[] {
  const text: Hostile[] = [
    { label: 'NUL', value: 'a\u0000b', forbidden: true },
    { label: 'control characters', value: '\u0007\u001b[2J\u009b', forbidden: true },
    { label: 'lone surrogate', value: 'a\ud800b', forbidden: true },
    { label: '1 MB string', value: MB, forbidden: true },
  ];
  if (isEnumType(type)) return [{ label: 'unknown enum value', value: 'NOT_A_VALUE', forbidden: true }];
  switch (type.name) {
    case 'String':
      return text;
    case 'ID':
      return [
        ...text,
        { label: 'huge numeric id', value: '9'.repeat(40), forbidden: false },
        { label: 'SQL-looking id', value: "1' OR '1'='1", forbidden: false },
      ];
    case 'Int':
      return [
        { label: '-2^31', value: -2_147_483_648, forbidden: true },
        { label: '2^31-1', value: 2_147_483_647, forbidden: true },
        { label: 'NaN', value: 'NaN', forbidden: true },
        { label: '-1', value: -1, forbidden: false },
      ];
    case 'Float':
      return [
        { label: '1e308', value: 1e308, forbidden: true },
        { label: '-1e308', value: -1e308, forbidden: true },
        { label: 'NaN', value: 'NaN', forbidden: true },
        { label: '-2^31', value: -2_147_483_648, forbidden: true },
      ];
    case 'Date':
      return [
        { label: 'year 0001', value: '0001-01-01', forbidden: true },
        { label: 'year 9999', value: '9999-12-31', forbidden: true },
        { label: 'not a date', value: 'abc', forbidden: true },
        { label: '30 February', value: '2026-02-30', forbidden: true },
      ];
    case 'DateTime':
      return [
        { label: 'year 0001', value: '0001-01-01T00:00:00Z', forbidden: true },
        { label: 'not a date', value: 'abc', forbidden: true },
      ];
    case 'JSON':
      return [
        { label: 'NUL inside', value: { a: 'b\u0000' }, forbidden: true },
        { label: '1 MB string', value: MB, forbidden: true },
        { label: 'deep nesting', value: JSON.parse('['.repeat(100) + ']'.repeat(100)), forbidden: true },
      ];
    case 'Boolean':
      return [{ label: 'a string for a Boolean', value: 'yes', forbidden: true }];
    default:
      return text;
  }
}

/** A plausible value for an argument or input field, by its name and type (required parts only). */
function plausible(type: GraphQLInputType, name: string, defaultValue?: unknown): unknown {
  if (defaultValue !== undefined) return defaultValue;
  const inner = getNullableType(type) as GraphQLInputType;
  if (isListType(inner)) return [plausible(inner.ofType as GraphQLInputType, name)];
  if (isInputObjectType(inner)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(inner.getFields()))
      if (isNonNullType(field.type) || field.defaultValue !== undefined) value[field.name] = plausible(field.type, field.name, field.defaultValue);
    return value;
  }
  if (isEnumType(inner)) return inner.getValues()[0].value;
  switch ((inner as GraphQLNamedInputType).name) {
    case 'ID':
      if (/^movementId$/.test(name)) return DEMO_MOVEMENT_IDS.national;
      if (/^quizId$/.test(name)) return DEMO_CORE_QUIZ_ID;
      if (/unitId$|UnitId$|^parentId$/.test(name)) return '1';
      return randomUUID();
    case 'String':
      if (name === 'username') return `fuzz-nobody-${randomUUID().slice(0, 8)}`;
      return 'thử';
    case 'Int':
      return 1;
    case 'Float':
      return 1;
    case 'Boolean':
      return false;
    case 'Date':
      return '2026-10-05';
    case 'DateTime':
      return '2026-10-05T00:00:00Z';
    case 'JSON':
      return {};
    default:
      return 'thử';
  }
}

/** Every scalar or enum leaf under an argument, following input objects and the first item of lists. */
function leavesOf(type: GraphQLInputType, path: (string | number)[], name: string, seen: Set<string> = new Set()): Leaf[] {
  const inner = getNullableType(type) as GraphQLInputType;
  if (isListType(inner)) return leavesOf(inner.ofType as GraphQLInputType, [...path, 0], name, seen);
  if (isInputObjectType(inner)) {
    if (seen.has(inner.name)) return [];
    const next = new Set(seen).add(inner.name);
    return Object.values(inner.getFields()).flatMap((f) => leavesOf(f.type, [...path, f.name], f.name, next));
  }
  return [{ path, type: getNamedType(inner) as GraphQLNamedInputType, name }];
}

/** The arguments of `field` with `value` put at `leaf.path`, the rest plausible. */
function argumentsWith(field: GraphQLField<unknown, unknown>, leaf: Leaf, value: unknown): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const arg of field.args) if (isNonNullType(arg.type)) args[arg.name] = plausible(arg.type, arg.name, arg.defaultValue);
  const [argName, ...rest] = leaf.path as [string, ...(string | number)[]];
  const arg = field.args.find((a) => a.name === argName)!;
  if (!rest.length) {
    args[argName] = value;
    return args;
  }
  args[argName] ??= plausible(arg.type, arg.name);
  let container = args[argName] as Record<string | number, unknown>;
  let type = getNullableType(arg.type) as GraphQLInputType;
  for (let i = 0; i < rest.length; i++) {
    const key = rest[i];
    const last = i === rest.length - 1;
    const childType: GraphQLInputType = isListType(type)
      ? (type.ofType as GraphQLInputType)
      : (isInputObjectType(type) ? type.getFields()[key as string].type : type);
    if (last) container[key] = value;
    else {
      container[key] ??= plausible(childType, String(key));
      container = container[key] as Record<string | number, unknown>;
    }
    type = getNullableType(childType) as GraphQLInputType;
  }
  return args;
}

function typeRef(arg: GraphQLArgument): string {
  return String(arg.type);
}

/** A document selecting only __typename (every field returns an object, a list of them, or a scalar). */
function documentFor(root: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): string {
  const vars = field.args.map((a) => `$${a.name}: ${typeRef(a)}`).join(', ');
  const args = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const named = getNamedType(field.type);
  const outcome = 'getFields' in named && 'outcome' in named.getFields() ? ' outcome' : '';
  const selection = isScalarType(named) || isEnumType(named) ? '' : ` { __typename${outcome} }`;
  return `${root} Fuzz${vars ? `(${vars})` : ''} { ${field.name}${args ? `(${args})` : ''}${selection} }`;
}

let t: TestApp;
let schema: GraphQLSchema;
let admin: GqlClient;

async function counts(): Promise<string> {
  const [row] = await queryRows<Record<string, number>>(t.db, sql.raw(`select ${TABLES.map((n) => `(select count(*)::int from ${n}) as ${n}`).join(', ')}`));
  return JSON.stringify(row);
}

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  schema = await getSchema();
  admin = await t.as('admin');
});
afterAll(() => t?.close());

interface Failure {
  call: string;
  why: string;
}

/** The operations to fuzz: every Query and Mutation field with arguments (logout would end the session). */
function operations(): { root: 'query' | 'mutation'; field: GraphQLField<unknown, unknown> }[] {
  const out: { root: 'query' | 'mutation'; field: GraphQLField<unknown, unknown> }[] = [];
  for (const [root, type] of [['query', schema.getQueryType()], ['mutation', schema.getMutationType()]] as const)
    for (const field of Object.values(type!.getFields())) if (field.args.length) out.push({ root, field });
  return out;
}

function refused(result: GqlResult): boolean {
  if (result.errors?.length) return true;
  // an offline sync refuses bad items one by one
  const data = result.data as Record<string, unknown> | null | undefined;
  const items = data && Object.values(data)[0];
  return Array.isArray(items) && items.length > 0 && items.every((i) => (i as { outcome?: string }).outcome === 'REJECTED');
}

describe('schema-driven fuzzing', () => {
  it('covers every query and mutation that takes arguments', () => {
    const names = operations().map((o) => o.field.name);
    expect(names).toContain('setScoringRules');
    expect(names).toContain('recordAssist');
    expect(names.length).toBeGreaterThan(40);
  });

  for (const who of ['anonymous', 'admin'] as const) {
    it(`never answers an internal error to hostile input, and writes nothing when it refuses (${who})`, async () => {
      const failures: Failure[] = [];
      let calls = 0;
      const send = async (field: GraphQLField<unknown, unknown>, coordinate: string, document: string, leaf: Leaf, hostile: Hostile) => {
        const call = `${who} ${field.name}(${leaf.path.join('.')} = ${hostile.label})`;
        const variables = argumentsWith(field, leaf, hostile.value);
        const result = who === 'admin' ? await admin.gql(document, variables) : await t.gql(document, variables);
        calls++;
        const codes = (result.errors ?? []).map((e) => String(e.extensions?.code));
        if (result.status >= 500) failures.push({ call, why: `HTTP ${result.status}` });
        if (codes.includes('INTERNAL_SERVER_ERROR')) failures.push({ call, why: `INTERNAL_SERVER_ERROR: ${result.errors![0].message}` });
        if (who === 'anonymous' && !PUBLIC_OPERATIONS.has(coordinate) && !(codes.length === 1 && codes[0] === 'UNAUTHENTICATED'))
          failures.push({ call, why: `anonymous call of an operation that needs sign-in answered ${codes.join(', ') || 'data'}` });
        if (who === 'admin' && hostile.forbidden && !refused(result)) failures.push({ call, why: 'a value the input rules forbid was accepted' });
        return { call, refused: refused(result) };
      };

      for (const { root, field } of operations()) {
        const coordinate = `${root === 'query' ? 'Query' : 'Mutation'}.${field.name}`;
        const document = documentFor(root, field);
        const leaves = field.args.flatMap((a) => leavesOf(a.type, [a.name], a.name));
        // an anonymous caller of an operation that needs sign-in is turned away before its input
        // is read: one 1 MB string per operation is enough to show it
        const gated = who === 'anonymous' && !PUBLIC_OPERATIONS.has(coordinate);
        const cases = leaves.flatMap((leaf) =>
          hostileValues(leaf.type)
            .filter((h) => !(gated && h.label === '1 MB string' && leaf !== leaves[0]))
            .filter((h) => !(h.label === '1 MB string' && FILE_ARGUMENTS.has(leaf.name)))
            .map((hostile) => ({ leaf, hostile })),
        );
        // values every rule forbids: all refused, so the tables stay as they were
        const before = await counts();
        const forbidden = cases.filter((c) => c.hostile.forbidden);
        for (const c of forbidden) await send(field, coordinate, document, c.leaf, c.hostile);
        const after = await counts();
        if (after !== before) failures.push({ call: `${who} ${field.name} (${forbidden.length} refused calls)`, why: `wrote: ${before} → ${after}` });
        // other odd values may be accepted (and write); a refused one must not have written
        for (const c of cases.filter((x) => !x.hostile.forbidden)) {
          const start = await counts();
          const outcome = await send(field, coordinate, document, c.leaf, c.hostile);
          const end = await counts();
          if (outcome.refused && end !== start) failures.push({ call: outcome.call, why: `refused, but wrote: ${start} → ${end}` });
        }
      }
      expect(calls).toBeGreaterThan(500);
      expect(failures).toEqual([]);
    });
  }
});
