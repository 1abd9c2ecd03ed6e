// The generated documents in src/gql import these types from '@graphql-typed-document-node/core',
// which is not a direct dependency of @thidua/web (pnpm does not expose it). Same declarations as
// that package (MIT); drop this file once the package is listed in web/package.json.
declare module '@graphql-typed-document-node/core' {
  import type { DocumentNode } from 'graphql';

  export interface DocumentTypeDecoration<TResult, TVariables> {
    __apiType?: (variables: TVariables) => TResult;
  }
  export interface TypedDocumentNode<
    TResult = { [key: string]: any },
    TVariables = { [key: string]: any },
  > extends DocumentNode,
      DocumentTypeDecoration<TResult, TVariables> {}
  export type ResultOf<T> = T extends DocumentTypeDecoration<infer R, any> ? R : never;
  export type VariablesOf<T> = T extends DocumentTypeDecoration<any, infer V> ? V : never;
}
