/**
 * @forge/sql is not simulated: its calls are recorded (operation `sql`) and refused with an error that
 * names the package, so a handler under test fails loudly instead of reading made-up rows.
 */
import { httpAnswer } from './answer.js';
import { forgeServiceFailure, serviceFailure } from './planned.js';
import { fromStore, type PreparedRequest } from './prepared.js';
import type { SurfaceSimulator } from './simulator.js';

/** The message of the refusal. */
export const SQL_UNSUPPORTED = 'forge-retry-harness does not support @forge/sql: its calls are refused. Stub your SQL layer in the handler under test.';

/**
 * Parses one @forge/sql request (`{ query, params, method }`).
 *
 * @example
 * prepareSql('{"query":"SELECT 1"}').operation // { surface: 'sql', name: 'other', query: 'SELECT 1' }
 */
export const prepareSql = (bodyText: string | undefined): PreparedRequest => {
  let query = '';
  try {
    query = String((JSON.parse(bodyText ?? '{}') as { query?: unknown }).query);
  } catch {
    query = bodyText ?? '';
  }
  return {
    mutates: !/^\s*select\b/i.test(query),
    operation: { surface: 'sql', name: 'other', query },
    unsupported: '@forge/sql',
    apply: () => fromStore(httpAnswer(501, { code: 'UNSUPPORTED_BY_HARNESS', message: SQL_UNSUPPORTED })),
  };
};

/** @forge/sql: every call refused with {@link SQL_UNSUPPORTED}. */
export const sqlSimulator: SurfaceSimulator = {
  failure: serviceFailure(forgeServiceFailure),
  prepare: (request) => prepareSql(request.body),
};
