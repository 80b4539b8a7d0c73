/**
 * @forge/sql 4.0.8 (read in node_modules/@forge/sql/out: sql.js, sql-statement.js, migration.js,
 * utils/error-handling.js) on a real embedded engine: every call posts `{ query, params, method }` to
 * `/api/v1/execute` (`sql.executeRaw`, `sql.prepare(q).bindParams(...).execute()`) or
 * `/api/v1/execute/ddl` (`sql.executeDDL`, the migration runner), and reads `{ rows }`: the rows of a
 * query, or MySQL's OK packet (`affectedRows`, `insertId`, ...) for anything else. Errors are non-2xx
 * `{ code, message }`, which the SDK turns into `ForgeSQLAPIError`. The statement runs on SQLite after
 * the cheap MySQL translations of `sql-dialect.ts`; one SQLite cannot run is refused as a usage error
 * naming it, never a finding. An INSERT that added rows is an effect, and so is an UPDATE that changed
 * rows by setting a column from itself (`SET n = n + 1`; see `models/operations.ts`).
 */
import type { Operation } from '../../models/trace.js';
import { httpAnswer } from './answer.js';
import { forgeServiceFailure, serviceFailure } from './planned.js';
import { fromStore, type PreparedRequest } from './prepared.js';
import type { SimulationContext, SurfaceSimulator } from './simulator.js';
import { isRelativeUpdate, statementKind } from './sql-dialect.js';
import { sqlEngineReady } from './sql-engine.js';

const SQL_PATHS: ReadonlySet<string> = new Set(['/api/v1/execute', '/api/v1/execute/ddl']);

/**
 * Parses one @forge/sql request against the run's database.
 *
 * @example
 * prepareSql('/api/v1/execute', '{"query":"SELECT 1","params":[]}', ctx).operation // { surface: 'sql', name: 'select', query: 'SELECT 1' }
 */
export const prepareSql = (path: string, bodyText: string | undefined, ctx: Pick<SimulationContext, 'sql' | 'now'>): PreparedRequest => {
  let body: { query?: unknown; params?: unknown } = {};
  try {
    body = JSON.parse(bodyText ?? '{}') as typeof body;
  } catch {
    // The SDK always sends JSON; anything else is refused below as a statement that cannot be read.
  }
  const query = typeof body.query === 'string' ? body.query : '';
  const params = Array.isArray(body.params) ? (body.params as unknown[]) : [];
  const kind = statementKind(query);
  const name = kind === 'update' && isRelativeUpdate(query) ? 'increment' : kind;
  const operation: Operation = { surface: 'sql', name, query, ...(params.length > 0 ? { params: JSON.stringify(params) } : {}) };
  if (!SQL_PATHS.has(path) || query === '') {
    const what = query === '' ? `@forge/sql ${path} without a statement` : `@forge/sql ${path}`;
    return {
      mutates: true,
      operation,
      unsupported: what,
      apply: () => fromStore(httpAnswer(501, { code: 'UNSUPPORTED_BY_HARNESS', message: `forge-retry-harness does not simulate ${what}` })),
    };
  }
  return {
    mutates: kind !== 'select',
    operation,
    apply: () => {
      const outcome = ctx.sql.execute(query, params, ctx.now());
      switch (outcome.kind) {
        case 'result':
          return fromStore(httpAnswer(200, outcome.body), name === 'insert' ? outcome.rowsAdded : name === 'increment' ? outcome.rowsModified > 0 : undefined);
        case 'error':
          return fromStore(httpAnswer(400, { code: outcome.code, message: outcome.message }));
        case 'unrunnable':
          return {
            ...fromStore(httpAnswer(501, { code: 'UNSUPPORTED_BY_HARNESS', message: `forge-retry-harness cannot run this: ${outcome.detail}` })),
            unsupported: { detail: outcome.detail, fix: outcome.fix },
          };
      }
    },
  };
};

/** @forge/sql on the run's SQLite database. */
export const sqlSimulator: SurfaceSimulator = {
  failure: serviceFailure(forgeServiceFailure),
  ready: sqlEngineReady,
  prepare: (request, ctx) => prepareSql(request.path.split('?', 1)[0] ?? request.path, request.body, ctx),
};
