/**
 * The SQLite engine behind Forge SQL: sql.js (SQLite compiled to WebAssembly, no native build). It
 * compiles its WebAssembly from node_modules/sql.js/dist once per process, which takes real time;
 * the runtime waits for {@link sqlEngineReady} before serving a SQL request, so the first statement of
 * a check does not run against an engine that is still loading.
 */
import initSqlJs, { type SqlJsStatic } from 'sql.js';

let engine: SqlJsStatic | undefined;
let loading: Promise<void> | undefined;

/**
 * Undefined when the engine is loaded, else the promise of its loading (started on the first call).
 *
 * @example
 * await sqlEngineReady(); sqlEngine().Database // the constructor
 */
export const sqlEngineReady = (): Promise<void> | undefined => {
  if (engine !== undefined) return undefined;
  loading ??= initSqlJs().then((loaded) => {
    engine = loaded;
  });
  return loading;
};

/**
 * The loaded engine; throws when {@link sqlEngineReady} has not settled yet, which is a harness bug.
 *
 * @example
 * const db = new (sqlEngine().Database)();
 */
export const sqlEngine = (): SqlJsStatic => {
  if (engine === undefined) throw new Error('the SQLite engine was used before it loaded');
  return engine;
};
