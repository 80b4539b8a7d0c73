/**
 * Forge SQL migrations that run before the first delivery. Apps enqueue their migrations on
 * `migrationRunner` of @forge/sql (`migrationRunner.enqueue(name, ddl)`, usually at module load) and
 * run them from a scheduled or life-cycle trigger, so on Forge the tables exist by the time an event
 * handler runs. The harness finds every loaded copy of @forge/sql's `out/migration.js` in Node's module
 * cache and runs what its `migrationRunner` holds, recording each in `__migrations` as
 * `migrationRunner.run()` does (read in node_modules/@forge/sql/out/migration.js), so a handler that
 * runs the migrations itself finds them done.
 */
import { createRequire } from 'node:module';

/** One enqueued migration. */
export interface Migration {
  readonly name: string;
  readonly statement: string;
}

/** The DDL `migrationRunner.run()` starts with (@forge/sql 4.0.8). */
export const MIGRATIONS_TABLE_DDL =
  'CREATE TABLE IF NOT EXISTS __migrations (id BIGINT PRIMARY KEY AUTO_INCREMENT, name VARCHAR(255) NOT NULL, migratedAt TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP);';

const MIGRATION_MODULE = /[\\/]@forge[\\/]sql[\\/]out[\\/]migration\.js$/;

/**
 * The migrations enqueued on every loaded `migrationRunner`, in enqueue order, each name once.
 *
 * @example
 * enqueuedMigrations() // [{ name: 'v001_create_audit', statement: 'CREATE TABLE ...' }]
 */
export const enqueuedMigrations = (): Migration[] => {
  const cache = createRequire(import.meta.url).cache;
  const seen = new Set<string>();
  const out: Migration[] = [];
  for (const [file, mod] of Object.entries(cache)) {
    if (!MIGRATION_MODULE.test(file)) continue;
    const runner = (mod?.exports as { migrationRunner?: { getEnqueued?: () => unknown } } | undefined)?.migrationRunner;
    const enqueued = typeof runner?.getEnqueued === 'function' ? runner.getEnqueued() : [];
    for (const m of Array.isArray(enqueued) ? (enqueued as { name?: unknown; statement?: unknown }[]) : []) {
      const name = String(m.name);
      if (seen.has(name)) continue;
      seen.add(name);
      out.push({ name, statement: String(m.statement) });
    }
  }
  return out;
};
