/**
 * One row of the generated OpenAPI table (src/world/openapi-table.ts): what Atlassian's specs document
 * for one operation.
 */

/** A JSON value, as the table's body skeletons hold them. */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/**
 * `[method, path template, documented 2xx statuses (ascending), index of the body skeleton]`; a tuple, and
 * skeletons shared by index, so the generated table stays compact. The index is absent when the first
 * success status carries no body.
 *
 * @example
 * const row: OpenApiRow = ['POST', '/rest/api/3/issue/{issueIdOrKey}/comment', [201], 7];
 */
export type OpenApiRow = readonly [method: string, path: string, statuses: readonly number[], body?: number];
