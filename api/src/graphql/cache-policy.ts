import type { ApolloServerPlugin, GraphQLRequestContextWillSendResponse } from '@apollo/server';
import {
  getNamedType,
  isCompositeType,
  Kind,
  type ConstDirectiveNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { Context } from './context';

/**
 * The cache policy of an answer, worked out from the schema's `@cacheControl` hints with the rules
 * of Apollo's cache-control plugin, but once per query document instead of once per resolved field.
 *
 * Apollo's plugin hooks every field the executor resolves (`willResolveField`), which also makes
 * Apollo wrap every resolver: on a board answer of 50 entries that is ~700 hooks, and under a
 * stream of approvals (each one changes what boards show, so answers are computed again) those
 * hooks made a quarter of everything the API allocated. The hints of this schema are static (on
 * fields and types), so the policy of a document is the same whatever the data: it is computed
 * from the document and kept with it (Apollo keeps one parsed document per query text).
 *
 * The rules, as Apollo applies them to each field: a composite type's hint applies to fields that
 * return it; the field's own hint replaces it (`inheritMaxAge` on either lets the field take its
 * parent's); a root field, or a field returning a composite type with no maxAge, gets maxAge 0
 * (not cacheable); the answer takes the smallest maxAge and PRIVATE if any field is PRIVATE. The
 * one difference: Apollo only counts fields it resolved, this counts every field selected (a
 * field under a null parent, or skipped by @skip/@include, too), so an answer is never more
 * cacheable here than there.
 *
 * A resolver whose answer depends on who asks marks it with `markPrivate(ctx)` (Apollo's dynamic
 * `setCacheHint({ scope: 'PRIVATE' })`).
 */
export interface CacheHint {
  maxAge?: number;
  scope?: 'PUBLIC' | 'PRIVATE';
  inheritMaxAge?: boolean;
}

function hintOfDirectives(directives: readonly ConstDirectiveNode[] | undefined): CacheHint | undefined {
  const directive = directives?.find((d) => d.name.value === 'cacheControl');
  if (!directive?.arguments) return undefined;
  const arg = (name: string) => directive.arguments!.find((a) => a.name.value === name)?.value;
  const scopeValue = arg('scope');
  const scopeName = scopeValue?.kind === Kind.ENUM ? scopeValue.value : undefined;
  const scope = scopeName === 'PUBLIC' || scopeName === 'PRIVATE' ? scopeName : undefined;
  const inherit = arg('inheritMaxAge');
  if (inherit?.kind === Kind.BOOLEAN && inherit.value) return { inheritMaxAge: true, scope };
  const maxAge = arg('maxAge');
  return { maxAge: maxAge?.kind === Kind.INT ? parseInt(maxAge.value, 10) : undefined, scope };
}

const typeHints = new WeakMap<GraphQLNamedType, CacheHint>();
function hintOfType(type: GraphQLCompositeType): CacheHint {
  let hint = typeHints.get(type);
  if (!hint) {
    hint = hintOfDirectives(type.astNode?.directives);
    for (const node of type.extensionASTNodes ?? []) hint ??= hintOfDirectives(node.directives);
    typeHints.set(type, (hint ??= {}));
  }
  return hint;
}

const fieldHints = new WeakMap<GraphQLField<unknown, unknown>, CacheHint>();
function hintOfField(field: GraphQLField<unknown, unknown>): CacheHint {
  let hint = fieldHints.get(field);
  if (!hint) fieldHints.set(field, (hint = hintOfDirectives(field.astNode?.directives) ?? {}));
  return hint;
}

/** A policy being narrowed (Apollo's CachePolicy: `restrict` keeps the smaller maxAge and PRIVATE). */
class Policy {
  maxAge: number | undefined = undefined;
  scope: 'PUBLIC' | 'PRIVATE' | undefined = undefined;

  restrict(hint: CacheHint): void {
    if (hint.maxAge !== undefined && (this.maxAge === undefined || hint.maxAge < this.maxAge)) this.maxAge = hint.maxAge;
    if (hint.scope !== undefined && this.scope !== 'PRIVATE') this.scope = hint.scope;
  }

  replace(hint: CacheHint): void {
    if (hint.maxAge !== undefined) this.maxAge = hint.maxAge;
    if (hint.scope !== undefined) this.scope = hint.scope;
  }
}

/** The policy of one operation of a document, from the schema's hints alone. */
function documentCachePolicy(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): CacheHint {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const overall = new Policy();
  const root = operation.operation === 'query' ? schema.getQueryType() : operation.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
  if (!root) return { maxAge: 0 };

  const visit = (set: SelectionSetNode, parent: GraphQLCompositeType, atRoot: boolean, spreading: ReadonlySet<string>): void => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (type && isCompositeType(type)) visit(selection.selectionSet, type, atRoot, spreading);
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        const type = fragment && schema.getType(fragment.typeCondition.name.value);
        if (fragment && type && isCompositeType(type) && !spreading.has(name)) visit(fragment.selectionSet, type, atRoot, new Set([...spreading, name]));
        continue;
      }
      // __typename and introspection are answered by the executor itself (Apollo's hook never sees them)
      if (selection.name.value.startsWith('__') || !('getFields' in parent)) continue;
      const field = parent.getFields()[selection.name.value] as GraphQLField<unknown, unknown> | undefined;
      if (!field) continue;
      const target = getNamedType(field.type);
      const policy = new Policy();
      let inherit = false;
      if (isCompositeType(target)) {
        const typeHint = hintOfType(target);
        policy.replace(typeHint);
        inherit = !!typeHint.inheritMaxAge;
      }
      const fieldHint = hintOfField(field);
      if (fieldHint.inheritMaxAge && policy.maxAge === undefined) {
        inherit = true;
        if (fieldHint.scope) policy.replace({ scope: fieldHint.scope });
      } else policy.replace(fieldHint);
      if (policy.maxAge === undefined && ((isCompositeType(target) && !inherit) || atRoot)) policy.restrict({ maxAge: 0 });
      overall.restrict(policy);
      if (selection.selectionSet && isCompositeType(target)) visit(selection.selectionSet, target, false, spreading);
    }
  };
  visit(operation.selectionSet, root, true, new Set());
  return { maxAge: overall.maxAge, scope: overall.scope };
}

/** policies worked out, per parsed document and operation (Apollo reuses the parsed document of a query text) */
const documentPolicies = new WeakMap<DocumentNode, Map<OperationDefinitionNode, CacheHint>>();

function cachedPolicy(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): CacheHint {
  let byOperation = documentPolicies.get(document);
  if (!byOperation) documentPolicies.set(document, (byOperation = new Map()));
  let hint = byOperation.get(operation);
  if (!hint) byOperation.set(operation, (hint = documentCachePolicy(schema, document, operation)));
  return hint;
}

/** This answer depends on who asks: it is PRIVATE whatever the schema says (Apollo's dynamic hint). */
export function markPrivate(ctx: Context): void {
  ctx.privateAnswer = true;
}

/**
 * Sets each answer's cache policy (`overallCachePolicy`, read by the public answer store) and its
 * `cache-control` header, as Apollo's cache-control plugin does (which must be disabled beside it).
 * Put it before the plugins that read the policy in `willSendResponse`.
 */
export function cachePolicyPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(rc) {
          if (rc.operation) rc.overallCachePolicy.replace(cachedPolicy(rc.schema, rc.document, rc.operation));
        },
        async willSendResponse(rc: GraphQLRequestContextWillSendResponse<Context>) {
          if (rc.contextValue.privateAnswer) rc.overallCachePolicy.restrict({ scope: 'PRIVATE' });
          const { response } = rc;
          if (response.http.headers.has('cache-control')) return;
          const policy = rc.overallCachePolicy.policyIfCacheable();
          if (policy && response.body.kind === 'single' && !response.body.singleResult.errors)
            response.http.headers.set('cache-control', `max-age=${policy.maxAge}, ${policy.scope.toLowerCase()}`);
          else response.http.headers.set('cache-control', 'no-store');
        },
      };
    },
  };
}
