/**
 * The syntax tree of a JQL (or CQL, which shares its grammar) query: clauses combined with AND, OR and
 * NOT, and an ORDER BY list.
 */

/** Comparison operators the parser reads. */
export const OPERATORS = ['=', '!=', '~', '!~', '>', '>=', '<', '<=', 'in', 'not in', 'is', 'is not'] as const;

/** A comparison operator. */
export type Operator = (typeof OPERATORS)[number];

/** A value on the right of an operator. */
export type QueryValue =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'empty' }
  | { readonly kind: 'function'; readonly name: string; readonly args: readonly string[] }
  | { readonly kind: 'list'; readonly items: readonly QueryValue[] };

/** A node of the WHERE part. */
export type QueryNode =
  | { readonly kind: 'and'; readonly left: QueryNode; readonly right: QueryNode }
  | { readonly kind: 'or'; readonly left: QueryNode; readonly right: QueryNode }
  | { readonly kind: 'not'; readonly node: QueryNode }
  | { readonly kind: 'clause'; readonly field: string; readonly operator: Operator; readonly value: QueryValue };

/** One ORDER BY key. */
export interface SortKey {
  readonly field: string;
  readonly direction: 'asc' | 'desc';
}

/** A parsed query; `where` is absent for an empty (unbounded) query. */
export interface ParsedQuery {
  readonly where?: QueryNode;
  readonly orderBy: readonly SortKey[];
}

/** A query the parser could not read; `message` reads like the product's own. */
export class QuerySyntaxError extends Error {
  override readonly name = 'QuerySyntaxError';
}
