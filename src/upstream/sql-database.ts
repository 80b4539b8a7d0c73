/**
 * The Forge SQL database of one run, on SQLite (sql.js). Like the KVS store it persists across the
 * deliveries of one event and starts empty for the next run; it opens on the run's first SQL request,
 * running the app's enqueued migrations first. Only one run is live at a time (the harness lock), so
 * opening a database closes the one before it and WebAssembly memory does not grow run after run.
 */
import type { Database, SqlValue } from 'sql.js';
import { cutText } from '../../models/render-value.js';
import { insertTarget, statementKind, toSqlite } from './sql-dialect.js';
import { sqlEngine } from './sql-engine.js';
import { MIGRATIONS_TABLE_DDL, enqueuedMigrations } from './sql-migrations.js';

/** What running a statement came to. */
export type SqlOutcome =
  /** The answer body (`{ rows }`), and whether the statement added rows to a table. */
  | { readonly kind: 'result'; readonly body: unknown; readonly rowsAdded: boolean; readonly rowsModified: number }
  /** An error the statement meets on Forge too (a duplicate key, a NOT NULL column). */
  | { readonly kind: 'error'; readonly code: string; readonly message: string }
  /** SQLite cannot run the statement: a usage error, since TiDB might. */
  | { readonly kind: 'unrunnable'; readonly detail: string; readonly fix: string };

let open: Database | undefined;

// MySQL's wording for the constraint errors SQLite reports, so a handler that matches on it behaves as on Forge.
const constraintMessage = (code: string, sqliteMessage: string): string => {
  const column = /failed: (.*)$/.exec(sqliteMessage)?.[1] ?? '';
  if (code.includes('UNIQUE') || code.includes('PRIMARYKEY')) return `Duplicate entry for key '${column}' (sqlite: ${sqliteMessage})`;
  if (code.includes('NOTNULL')) return `Column '${column.split('.').pop() ?? column}' cannot be null (sqlite: ${sqliteMessage})`;
  if (code.includes('FOREIGNKEY')) return `Cannot add or update a child row: a foreign key constraint fails (sqlite: ${sqliteMessage})`;
  return `Check constraint is violated (sqlite: ${sqliteMessage})`;
};

const NO_TABLE_FIX =
  'create the table in a migration enqueued on migrationRunner when the module loads (the harness runs those before the first delivery), or in the handler';
const DIALECT_FIX =
  'write the statement in SQL that both MySQL (TiDB) and SQLite accept (see README "Limits": the Forge SQL dialect gap), or check this handler without it';

const bindable = (value: unknown): SqlValue => {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number' || typeof value === 'string') return value;
  return JSON.stringify(value) ?? null;
};

const plain = (value: unknown): unknown => (value instanceof Uint8Array ? Buffer.from(value).toString('base64') : value);

/** The SQL database of one run. */
export class SqlRunState {
  #db: Database | undefined;
  #failedMigration: SqlOutcome | undefined;
  #now = 0;

  /**
   * Runs one request's statement (or statements) with its parameters at virtual time `now`.
   *
   * @example
   * state.execute('SELECT 1 AS one', [], now) // { kind: 'result', body: { rows: [{ one: 1 }] }, rowsAdded: false, rowsModified: 0 }
   */
  execute(statement: string, params: readonly unknown[], now: number): SqlOutcome {
    this.#now = now;
    const db = this.#database();
    if (this.#failedMigration !== undefined) return this.#failedMigration;
    return this.#run(db, statement, params);
  }

  #database(): Database {
    if (this.#db !== undefined) return this.#db;
    open?.close();
    const db = new (sqlEngine().Database)();
    open = db;
    this.#db = db;
    const nowMs = (): number => this.#now;
    const iso = (ms: number): string =>
      new Date(ms)
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d+Z$/, '');
    db.create_function('NOW', () => iso(nowMs()));
    db.create_function('CURDATE', () => iso(nowMs()).slice(0, 10));
    db.create_function('UNIX_TIMESTAMP', () => Math.floor(nowMs() / 1000));
    this.#migrate(db);
    return db;
  }

  #migrate(db: Database): void {
    const migrations = enqueuedMigrations();
    if (migrations.length === 0) return;
    this.#run(db, MIGRATIONS_TABLE_DDL, []);
    for (const m of migrations) {
      const outcome = this.#run(db, m.statement, []);
      if (outcome.kind !== 'result') {
        const why = outcome.kind === 'error' ? outcome.message : outcome.detail;
        this.#failedMigration = {
          kind: 'unrunnable',
          detail: `migration "${m.name}", enqueued on migrationRunner, cannot run before the first delivery: ${why}`,
          fix: outcome.kind === 'unrunnable' ? outcome.fix : DIALECT_FIX,
        };
        return;
      }
      this.#run(db, 'INSERT INTO __migrations (name) VALUES (?);', [m.name]);
    }
  }

  #run(db: Database, statement: string, params: readonly unknown[]): SqlOutcome {
    const sqlite = toSqlite(statement);
    const target = statementKind(sqlite) === 'insert' ? insertTarget(sqlite) : undefined;
    try {
      const before = target === undefined ? 0 : this.#count(db, target);
      let body: unknown = { rows: [] };
      let index = 0;
      let rowsModified = 0;
      for (const stmt of db.iterateStatements(sqlite)) {
        try {
          if (index++ === 0 && params.length > 0) stmt.bind(params.map(bindable));
          const columns = stmt.getColumnNames();
          const rows: Record<string, unknown>[] = [];
          while (stmt.step()) {
            const row = stmt.get();
            rows.push(Object.fromEntries(columns.map((c, i) => [c, plain(row[i])])));
          }
          body = columns.length > 0 ? { rows } : { rows: this.#update(db, target !== undefined) };
          if (columns.length === 0) rowsModified += db.getRowsModified();
        } finally {
          stmt.free();
        }
      }
      return { kind: 'result', body, rowsAdded: target !== undefined && this.#count(db, target) > before, rowsModified };
    } catch (error) {
      const code = String((error as { code?: unknown }).code ?? '');
      const message = error instanceof Error ? error.message : String(error);
      if (code.startsWith('SQLITE_CONSTRAINT')) return { kind: 'error', code: 'SQL_EXECUTION_ERROR', message: constraintMessage(code, message) };
      const shown = cutText(statement.replace(/\s+/g, ' ').trim(), 200);
      if (/^no such table/.test(message))
        return { kind: 'unrunnable', detail: `SQL statement "${shown}" reads a table that does not exist (sqlite: ${message})`, fix: NO_TABLE_FIX };
      return { kind: 'unrunnable', detail: `SQL statement "${shown}" cannot run on the SQLite engine the harness uses (sqlite: ${message})`, fix: DIALECT_FIX };
    }
  }

  #count(db: Database, table: string): number {
    const result = db.exec(`SELECT count(*) FROM ${table}`);
    return Number(result[0]?.values[0]?.[0] ?? 0);
  }

  // The shape @forge/sql types as UpdateQueryResponse (MySQL's OK packet).
  #update(db: Database, insert: boolean): Record<string, unknown> {
    const affectedRows = db.getRowsModified();
    const insertId = insert ? Number(db.exec('SELECT last_insert_rowid()')[0]?.values[0]?.[0] ?? 0) : 0;
    return { affectedRows, fieldCount: 0, info: '', insertId, serverStatus: 2, warningStatus: 0 };
  }
}
