/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "fragment CurrentUser on User {\n  id\n  username\n  displayName\n  role\n  unit {\n    id\n    name\n    kind\n  }\n}\n\nquery Me {\n  me {\n    ...CurrentUser\n  }\n}\n\nmutation Login($username: String!, $password: String!) {\n  login(username: $username, password: $password) {\n    ...CurrentUser\n  }\n}\n\nmutation Logout {\n  logout\n}": typeof types.CurrentUserFragmentDoc,
    "query ActiveMovement {\n  movements(status: ACTIVE, first: 1) {\n    nodes {\n      id\n      title\n      status\n      startsOn\n      endsOn\n    }\n  }\n}": typeof types.ActiveMovementDocument,
    "fragment UnitSummary on Unit {\n  id\n  code\n  name\n  fullName\n  kind\n  childCount\n  population\n  adultPopulation\n  households\n}\n\nquery UnitDetail($id: ID!) {\n  unit(id: $id) {\n    ...UnitSummary\n    subtype\n    formerNames\n    denominatorsSource\n    parent {\n      id\n      name\n      fullName\n      kind\n    }\n    ancestors {\n      id\n      name\n      fullName\n      kind\n    }\n  }\n}\n\nquery RootUnit {\n  units(kind: COUNTRY, first: 1) {\n    nodes {\n      ...UnitSummary\n      subtype\n      formerNames\n      denominatorsSource\n    }\n  }\n}\n\nquery UnitList($parentId: ID, $search: String, $kind: UnitKind, $first: Int, $after: String) {\n  units(\n    parentId: $parentId\n    search: $search\n    kind: $kind\n    first: $first\n    after: $after\n  ) {\n    nodes {\n      ...UnitSummary\n      formerNames\n      parent {\n        id\n        name\n        fullName\n      }\n    }\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": typeof types.UnitSummaryFragmentDoc,
};
const documents: Documents = {
    "fragment CurrentUser on User {\n  id\n  username\n  displayName\n  role\n  unit {\n    id\n    name\n    kind\n  }\n}\n\nquery Me {\n  me {\n    ...CurrentUser\n  }\n}\n\nmutation Login($username: String!, $password: String!) {\n  login(username: $username, password: $password) {\n    ...CurrentUser\n  }\n}\n\nmutation Logout {\n  logout\n}": types.CurrentUserFragmentDoc,
    "query ActiveMovement {\n  movements(status: ACTIVE, first: 1) {\n    nodes {\n      id\n      title\n      status\n      startsOn\n      endsOn\n    }\n  }\n}": types.ActiveMovementDocument,
    "fragment UnitSummary on Unit {\n  id\n  code\n  name\n  fullName\n  kind\n  childCount\n  population\n  adultPopulation\n  households\n}\n\nquery UnitDetail($id: ID!) {\n  unit(id: $id) {\n    ...UnitSummary\n    subtype\n    formerNames\n    denominatorsSource\n    parent {\n      id\n      name\n      fullName\n      kind\n    }\n    ancestors {\n      id\n      name\n      fullName\n      kind\n    }\n  }\n}\n\nquery RootUnit {\n  units(kind: COUNTRY, first: 1) {\n    nodes {\n      ...UnitSummary\n      subtype\n      formerNames\n      denominatorsSource\n    }\n  }\n}\n\nquery UnitList($parentId: ID, $search: String, $kind: UnitKind, $first: Int, $after: String) {\n  units(\n    parentId: $parentId\n    search: $search\n    kind: $kind\n    first: $first\n    after: $after\n  ) {\n    nodes {\n      ...UnitSummary\n      formerNames\n      parent {\n        id\n        name\n        fullName\n      }\n    }\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": types.UnitSummaryFragmentDoc,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment CurrentUser on User {\n  id\n  username\n  displayName\n  role\n  unit {\n    id\n    name\n    kind\n  }\n}\n\nquery Me {\n  me {\n    ...CurrentUser\n  }\n}\n\nmutation Login($username: String!, $password: String!) {\n  login(username: $username, password: $password) {\n    ...CurrentUser\n  }\n}\n\nmutation Logout {\n  logout\n}"): (typeof documents)["fragment CurrentUser on User {\n  id\n  username\n  displayName\n  role\n  unit {\n    id\n    name\n    kind\n  }\n}\n\nquery Me {\n  me {\n    ...CurrentUser\n  }\n}\n\nmutation Login($username: String!, $password: String!) {\n  login(username: $username, password: $password) {\n    ...CurrentUser\n  }\n}\n\nmutation Logout {\n  logout\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ActiveMovement {\n  movements(status: ACTIVE, first: 1) {\n    nodes {\n      id\n      title\n      status\n      startsOn\n      endsOn\n    }\n  }\n}"): (typeof documents)["query ActiveMovement {\n  movements(status: ACTIVE, first: 1) {\n    nodes {\n      id\n      title\n      status\n      startsOn\n      endsOn\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment UnitSummary on Unit {\n  id\n  code\n  name\n  fullName\n  kind\n  childCount\n  population\n  adultPopulation\n  households\n}\n\nquery UnitDetail($id: ID!) {\n  unit(id: $id) {\n    ...UnitSummary\n    subtype\n    formerNames\n    denominatorsSource\n    parent {\n      id\n      name\n      fullName\n      kind\n    }\n    ancestors {\n      id\n      name\n      fullName\n      kind\n    }\n  }\n}\n\nquery RootUnit {\n  units(kind: COUNTRY, first: 1) {\n    nodes {\n      ...UnitSummary\n      subtype\n      formerNames\n      denominatorsSource\n    }\n  }\n}\n\nquery UnitList($parentId: ID, $search: String, $kind: UnitKind, $first: Int, $after: String) {\n  units(\n    parentId: $parentId\n    search: $search\n    kind: $kind\n    first: $first\n    after: $after\n  ) {\n    nodes {\n      ...UnitSummary\n      formerNames\n      parent {\n        id\n        name\n        fullName\n      }\n    }\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"): (typeof documents)["fragment UnitSummary on Unit {\n  id\n  code\n  name\n  fullName\n  kind\n  childCount\n  population\n  adultPopulation\n  households\n}\n\nquery UnitDetail($id: ID!) {\n  unit(id: $id) {\n    ...UnitSummary\n    subtype\n    formerNames\n    denominatorsSource\n    parent {\n      id\n      name\n      fullName\n      kind\n    }\n    ancestors {\n      id\n      name\n      fullName\n      kind\n    }\n  }\n}\n\nquery RootUnit {\n  units(kind: COUNTRY, first: 1) {\n    nodes {\n      ...UnitSummary\n      subtype\n      formerNames\n      denominatorsSource\n    }\n  }\n}\n\nquery UnitList($parentId: ID, $search: String, $kind: UnitKind, $first: Int, $after: String) {\n  units(\n    parentId: $parentId\n    search: $search\n    kind: $kind\n    first: $first\n    after: $after\n  ) {\n    nodes {\n      ...UnitSummary\n      formerNames\n      parent {\n        id\n        name\n        fullName\n      }\n    }\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;