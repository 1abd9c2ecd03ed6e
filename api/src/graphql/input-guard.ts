import {
  defaultFieldResolver,
  getNamedType,
  getNullableType,
  getVariableValues,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  Kind,
  type DocumentNode,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { fieldRuleMessage, hasControlChars, type FieldRule } from '@thidua/domain';
import { badInput, unauthenticated, type FieldProblem } from '../errors';
import type { Context } from './context';
import {
  DATE_RANGE,
  DEFAULT_LIST_MAX,
  DEFAULT_NUMBER,
  DEFAULT_STRING,
  ID_MAX_LENGTH,
  ITEMWISE_LISTS,
  JSON_LIMITS,
  LIST_RULES,
  lookup,
  NUMBER_RULES,
  PUBLIC_OPERATIONS,
  STRING_RULES,
  type StringRule,
} from './input-rules';

/**
 * The one place every GraphQL input passes through. Each Query, Mutation and Subscription field
 * of the schema is wrapped so that, before its resolver runs:
 *   1. an anonymous caller of a field that needs sign-in gets UNAUTHENTICATED (whatever the input);
 *   2. every argument, down through input objects, lists and JSON, is judged against
 *      input-rules.ts: no control characters or lone surrogates, strings and lists bounded,
 *      numbers bounded, dates within 2000-01-01 … 2100-12-31;
 *   3. every `ID` that is a UUID is lowered (see lowerUuids).
 * Problems answer BAD_USER_INPUT with `extensions.fields` naming each argument path.
 */

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const MAX_PROBLEMS = 10;

/** 2000 → "2.000", as Vietnamese writes numbers. */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** What is wrong with a value: a rule of the error catalogue and its bounds. */
export interface RuleProblem {
  rule: FieldRule;
  min?: number | string;
  max?: number | string;
}

/** The problem with one string, or null. */
export function stringProblem(value: string, rule: StringRule): RuleProblem | null {
  if (value.length > rule.max) return { rule: 'tooLong', max: rule.max };
  if (hasControlChars(value, rule.multiline)) return { rule: 'controlCharacters' };
  if (LONE_SURROGATE.test(value)) return { rule: 'badUnicode' };
  return null;
}

/** A field problem in Vietnamese that names its field ("note: quá dài (tối đa 2.000 ký tự)."), keeping its rule and bounds. */
export function fieldProblem(field: string, problem: RuleProblem): FieldProblem {
  return { field, message: fieldRuleMessage(field, problem.rule, 'vi', { ...problem }), ...problem };
}

function stringRuleFor(coordinates: readonly string[]): StringRule {
  return lookup(STRING_RULES, coordinates) ?? DEFAULT_STRING;
}

function dateProblem(value: unknown): RuleProblem | null {
  const day = value instanceof Date ? (Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10)) : String(value).slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return { rule: 'notDate' };
  if (day < DATE_RANGE.min || day > DATE_RANGE.max) return { rule: 'dateRange', min: DATE_RANGE.min, max: DATE_RANGE.max };
  return null;
}

class Judge {
  readonly problems: FieldProblem[] = [];

  add(field: string, problem: RuleProblem) {
    if (this.problems.length < MAX_PROBLEMS) this.problems.push(fieldProblem(field, problem));
  }

  value(value: unknown, type: GraphQLInputType, path: string, coordinates: readonly string[]): void {
    if (value === null || value === undefined || this.problems.length >= MAX_PROBLEMS) return;
    if (isNonNullType(type)) return this.value(value, type.ofType, path, coordinates);
    if (isListType(type)) {
      const items = Array.isArray(value) ? value : [value];
      const max = lookup(LIST_RULES, coordinates) ?? DEFAULT_LIST_MAX;
      if (items.length > max) return this.add(path, { rule: 'tooMany', max });
      if (coordinates.some((c) => ITEMWISE_LISTS.has(c))) return;
      items.forEach((item, i) => this.value(item, type.ofType as GraphQLInputType, `${path}[${i}]`, coordinates));
      return;
    }
    if (isInputObjectType(type)) {
      const fields = type.getFields();
      for (const [name, field] of Object.entries(fields)) {
        const v = (value as Record<string, unknown>)[name];
        if (v !== undefined) this.value(v, field.type, path ? `${path}.${name}` : name, [`${type.name}.${name}`, name]);
      }
      return;
    }
    if (!isScalarType(type)) return; // enums were checked by graphql itself
    switch (type.name) {
      case 'String': {
        if (typeof value !== 'string') return;
        const problem = stringProblem(value, stringRuleFor(coordinates));
        if (problem) this.add(path, problem);
        return;
      }
      case 'ID': {
        const problem = stringProblem(String(value), { max: ID_MAX_LENGTH });
        if (problem) this.add(path, problem);
        return;
      }
      case 'Int':
      case 'Float': {
        const rule = lookup(NUMBER_RULES, coordinates) ?? DEFAULT_NUMBER;
        const n = value as number;
        if (!Number.isFinite(n) || n < rule.min || n > rule.max) this.add(path, { rule: 'outOfRange', min: rule.min, max: rule.max });
        return;
      }
      case 'Date':
      case 'DateTime': {
        const problem = dateProblem(value);
        if (problem) this.add(path, problem);
        return;
      }
      case 'JSON':
      case 'JSONObject':
        return this.json(value, path);
      default:
        return;
    }
  }

  /** Free-form JSON: bounded in size and depth, and its strings held to the rules of text. */
  json(value: unknown, path: string): void {
    let serialized: string;
    try {
      serialized = JSON.stringify(value) ?? '';
    } catch {
      return this.add(path, { rule: 'notJson' });
    }
    if (serialized.length > JSON_LIMITS.maxChars) return this.add(path, { rule: 'tooLong', max: JSON_LIMITS.maxChars });
    const walk = (v: unknown, at: string, depth: number): void => {
      if (this.problems.length >= MAX_PROBLEMS) return;
      if (depth > JSON_LIMITS.maxDepth) return this.add(at, { rule: 'tooDeep', max: JSON_LIMITS.maxDepth });
      if (typeof v === 'string') {
        const problem = stringProblem(v, { max: JSON_LIMITS.maxString, multiline: true });
        if (problem) this.add(at, problem);
      } else if (typeof v === 'number') {
        if (!Number.isFinite(v) || Math.abs(v) > DEFAULT_NUMBER.max) this.add(at, { rule: 'outOfRange', min: DEFAULT_NUMBER.min, max: DEFAULT_NUMBER.max });
      } else if (Array.isArray(v)) {
        if (v.length > JSON_LIMITS.maxItems) return this.add(at, { rule: 'tooMany', max: JSON_LIMITS.maxItems });
        v.forEach((item, i) => walk(item, `${at}[${i}]`, depth + 1));
      } else if (v && typeof v === 'object') {
        for (const [key, item] of Object.entries(v)) {
          const problem = stringProblem(key, { max: 200 });
          if (problem) this.add(`${at}.${key.slice(0, 50)}`, problem);
          walk(item, `${at}.${key}`, depth + 1);
        }
      }
    };
    walk(value, path, 0);
  }
}

const inputTypes = new Map<string, GraphQLInputType>();

const UUID_ANY_CASE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * UUIDs are case-insensitive (RFC 9562) and PostgreSQL answers them in lower case. A device that
 * makes its ids in upper case (iOS does) must find its record again on a retry, so every `ID`
 * argument that is a UUID is lowered here, in place, before any service sees it (the objects are
 * the ones graphql-js coerced for this request). Other ids (unit numbers, codes) are left as sent.
 */
function lowerUuids(value: unknown, type: GraphQLInputType): unknown {
  if (value === null || value === undefined) return value;
  if (isNonNullType(type)) return lowerUuids(value, type.ofType);
  if (isListType(type)) {
    if (!Array.isArray(value)) return lowerUuids(value, type.ofType as GraphQLInputType);
    for (let i = 0; i < value.length; i++) value[i] = lowerUuids(value[i], type.ofType as GraphQLInputType);
    return value;
  }
  if (isInputObjectType(type)) {
    const object = value as Record<string, unknown>;
    for (const [name, field] of Object.entries(type.getFields())) {
      const v = object[name];
      if (v !== undefined && v !== null) object[name] = lowerUuids(v, field.type);
    }
    return value;
  }
  return isScalarType(type) && type.name === 'ID' && typeof value === 'string' && UUID_ANY_CASE.test(value) ? value.toLowerCase() : value;
}

/** Whether an input type can hold an `ID` anywhere inside it. */
function holdsIds(type: GraphQLInputType, seen = new Set<string>()): boolean {
  const named = getNamedType(type);
  if (isScalarType(named)) return named.name === 'ID';
  if (!isInputObjectType(named) || seen.has(named.name)) return false;
  seen.add(named.name);
  return Object.values(named.getFields()).some((f) => holdsIds(f.type, seen));
}

/**
 * The problems with one value of an input type of the guarded schema, for services that judge
 * the items of an ITEMWISE_LISTS list one by one (`path` names the item, e.g. "input[3]").
 * Outside GraphQL (before any schema was built in the process) there is nothing to judge.
 */
export function judgeInput(typeName: string, value: unknown, path: string): FieldProblem[] {
  const type = inputTypes.get(typeName);
  // no GraphQL schema in this process (a command seeding demo data): the input is the program's own
  if (!type) return [];
  const judge = new Judge();
  judge.value(value, type, path, []);
  return judge.problems;
}

/** The problems with the arguments of a root field (empty when they are all fine). */
export function judgeArguments(root: string, field: Pick<GraphQLField<unknown, unknown>, 'name' | 'args'>, args: Record<string, unknown>): FieldProblem[] {
  const judge = new Judge();
  for (const arg of field.args) {
    // fields of an `input` object are named as the services name them ("title", "targets[0].level")
    const path = arg.name === 'input' && isInputObjectType(getNullableType(arg.type)) ? '' : arg.name;
    judge.value(args[arg.name], arg.type, path, [`${root}.${field.name}.${arg.name}`, arg.name]);
  }
  return judge.problems;
}

function describeLimit(target: GraphQLArgument | GraphQLInputField, coordinates: readonly string[]) {
  const named = getNamedType(target.type);
  if (!isScalarType(named) || named.name !== 'String') return;
  const rule = stringRuleFor(coordinates);
  const stated = `${formatCount(rule.max)} ký tự`;
  const current = target.description?.trim() ?? '';
  if (rule.stated || current.includes(stated) || current.includes(`${rule.max} ký tự`)) return;
  const list = isListType(getNullableType(target.type)) ? ' mỗi mục' : '';
  const body = current.replace(/\.$/, '');
  if (!body) target.description = `Tối đa ${stated}${list}.`;
  else if (body.endsWith(')')) target.description = `${body}. Tối đa ${stated}${list}.`;
  else target.description = `${body} (tối đa ${stated}${list}).`;
}

const guarded = new WeakSet<GraphQLSchema>();

/**
 * Wraps every root field of the schema with the guard and states each string's maximum length in
 * the schema's descriptions. Call once, on the built schema.
 */
export function guardSchema(schema: GraphQLSchema): GraphQLSchema {
  if (guarded.has(schema)) return schema;
  guarded.add(schema);
  const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter((t): t is GraphQLObjectType => !!t);
  for (const root of roots) {
    const subscription = root === schema.getSubscriptionType();
    for (const field of Object.values(root.getFields())) {
      const coordinate = `${root.name}.${field.name}`;
      const isPublic = PUBLIC_OPERATIONS.has(coordinate);
      const idArgs = field.args.filter((arg) => holdsIds(arg.type));
      const check = (args: Record<string, unknown>, ctx: Context | undefined) => {
        if (!isPublic && !ctx?.user) throw unauthenticated();
        const problems = judgeArguments(root.name, field, args ?? {});
        if (problems.length) throw badInput(problems);
        for (const arg of idArgs) if (args?.[arg.name] != null) args[arg.name] = lowerUuids(args[arg.name], arg.type);
      };
      if (subscription && field.subscribe) {
        const subscribe = field.subscribe;
        field.subscribe = (source, args, ctx, info) => {
          check(args, ctx as Context);
          return subscribe(source, args, ctx, info);
        };
      } else {
        const resolve = field.resolve ?? defaultFieldResolver;
        field.resolve = (source, args, ctx, info) => {
          check(args, ctx as Context);
          return resolve(source, args, ctx, info);
        };
      }
      for (const arg of field.args) describeLimit(arg, [`${coordinate}.${arg.name}`, arg.name]);
    }
  }
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isInputObjectType(type) || type.name.startsWith('__')) continue;
    inputTypes.set(type.name, type);
    for (const field of Object.values(type.getFields())) describeLimit(field, [`${type.name}.${field.name}`, field.name]);
  }
  return schema;
}

function rootFieldNames(selectionSet: SelectionSetNode, document: DocumentNode, seen = new Set<string>()): string[] {
  const names: string[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) names.push(selection.name.value);
    else if (selection.kind === Kind.INLINE_FRAGMENT) names.push(...rootFieldNames(selection.selectionSet, document, seen));
    else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = document.definitions.find((d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === selection.name.value);
      if (fragment && fragment.kind === Kind.FRAGMENT_DEFINITION) names.push(...rootFieldNames(fragment.selectionSet, document, seen));
    }
  }
  return names;
}

const ROOT_NAMES = { query: 'Query', mutation: 'Mutation', subscription: 'Subscription' } as const;

/** Whether the operation asks for a root field that needs sign-in. */
export function needsSignIn(operation: OperationDefinitionNode, document: DocumentNode): boolean {
  const root = ROOT_NAMES[operation.operation];
  return rootFieldNames(operation.selectionSet, document).some((name) => !name.startsWith('__') && !PUBLIC_OPERATIONS.has(`${root}.${name}`));
}

/**
 * Variables are coerced (a Date "abc", an Int 2^40) before any resolver runs, so the guard above
 * cannot authenticate first. This plugin does: an anonymous operation that needs sign-in and
 * whose variables would be refused answers UNAUTHENTICATED instead of BAD_USER_INPUT, so an
 * anonymous caller learns nothing about the input rules of a protected operation. Literal
 * arguments written in the query itself are checked when the document is validated
 * (GRAPHQL_VALIDATION_FAILED), like any other mistake in the document.
 */
export function authBeforeInputPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation, document, schema, request }) {
          if (!operation || contextValue.user || !needsSignIn(operation, document)) return;
          const { errors } = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {});
          if (errors?.length) {
            const error = unauthenticated();
            Object.assign(error.extensions, { http: { status: 200 } });
            throw error;
          }
        },
      };
    },
  };
}
