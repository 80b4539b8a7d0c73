import { migrationRunner, sql } from '@forge/sql';
import { describe, expect, it } from 'vitest';
import { checkRetrySemantics } from '../../src/index.js';
import { toSqlite } from '../../src/upstream/sql-dialect.js';
import { driveProduct, scenario } from '../runtime/helpers.js';

const CREATE_AUDIT =
  'CREATE TABLE IF NOT EXISTS `audit` (`id` int NOT NULL AUTO_INCREMENT, `issue_key` varchar(32) COLLATE utf8mb4_bin NOT NULL, `action` varchar(64) NOT NULL, PRIMARY KEY (`id`), KEY `idx_issue` (`issue_key`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4';
const CREATE_SEEN = 'CREATE TABLE IF NOT EXISTS seen (event_id VARCHAR(64) NOT NULL, seen_at DATETIME DEFAULT CURRENT_TIMESTAMP, PRIMARY KEY (event_id))';

const codeOf = (e: unknown) => (e as { code?: string }).code;

describe('@forge/sql on SQLite', () => {
  it('runs executeRaw and prepared statements with parameters, answering rows or the OK packet', async () => {
    const trace = await driveProduct(async () => {
      await sql.executeDDL(CREATE_AUDIT);
      const inserted = await sql.prepare('INSERT INTO audit (issue_key, action) VALUES (?, ?)').bindParams('SUP-1', 'created').execute();
      await sql.prepare('INSERT INTO audit (issue_key, action) VALUES (?, ?)').bindParams('SUP-1', 'labelled').execute();
      const rows = await sql.prepare('SELECT id, action FROM audit WHERE issue_key = ? ORDER BY id').bindParams('SUP-1').execute();
      const raw = await sql.executeRaw('SELECT COUNT(*) AS n FROM audit');
      return { inserted: inserted.rows, rows: rows.rows, raw: raw.rows };
    });
    expect(trace.deliveries[0]?.outcome).toEqual({
      kind: 'success',
      value: {
        inserted: { affectedRows: 1, fieldCount: 0, info: '', insertId: 1, serverStatus: 2, warningStatus: 0 },
        rows: [
          { id: 1, action: 'created' },
          { id: 2, action: 'labelled' },
        ],
        raw: [{ n: 2 }],
      },
    });
    expect(trace.deliveries[0]?.requests.map((r) => r.operation?.name)).toEqual(['ddl', 'insert', 'insert', 'select', 'select']);
    expect(trace.deliveries[0]?.requests[1]).toMatchObject({
      operation: { query: 'INSERT INTO audit (issue_key, action) VALUES (?, ?)', params: '["SUP-1","created"]' },
      effect: 'applied',
    });
  });

  it('translates INSERT IGNORE and ON DUPLICATE KEY UPDATE, and records an INSERT that added no row as not applied', async () => {
    const trace = await driveProduct(async () => {
      await sql.executeDDL(CREATE_SEEN);
      await sql.executeDDL('CREATE TABLE counts (k VARCHAR(32) PRIMARY KEY, n INT NOT NULL)');
      await sql.prepare('INSERT IGNORE INTO seen (event_id) VALUES (?)').bindParams('ev-1').execute();
      const again = await sql.prepare('INSERT IGNORE INTO seen (event_id) VALUES (?)').bindParams('ev-1').execute();
      await sql.prepare('INSERT INTO counts (k, n) VALUES (?, 1) ON DUPLICATE KEY UPDATE n = n + 1').bindParams('a').execute();
      await sql.prepare('INSERT INTO counts (k, n) VALUES (?, 1) ON DUPLICATE KEY UPDATE n = n + 1').bindParams('a').execute();
      const duplicate = await sql
        .prepare('INSERT INTO seen (event_id) VALUES (?)')
        .bindParams('ev-1')
        .execute()
        .then(
          () => 'ok',
          (e: Error) => `${codeOf(e)}: ${e.message}`,
        );
      return {
        again: (again.rows as unknown as { affectedRows: number }).affectedRows,
        counts: (await sql.executeRaw('SELECT n FROM counts')).rows,
        duplicate,
      };
    });
    expect(trace.deliveries[0]?.outcome).toEqual({
      kind: 'success',
      value: {
        again: 0,
        counts: [{ n: 2 }],
        duplicate: "SQL_EXECUTION_ERROR: Duplicate entry for key 'seen.event_id' (sqlite: UNIQUE constraint failed: seen.event_id)",
      },
    });
    expect(trace.deliveries[0]?.requests.slice(2).map((r) => [r.operation?.name, r.effect])).toEqual([
      ['insert', 'applied'],
      ['insert', 'not-applied'],
      ['insert', 'applied'],
      ['insert', 'not-applied'],
      ['insert', 'not-applied'],
      ['select', 'not-applied'],
    ]);
  });

  it('keeps the database across the deliveries of one event and starts every run empty', async () => {
    const handler = async (event: { retryContext?: unknown }) => {
      await sql.executeDDL(CREATE_SEEN);
      const before = (await sql.executeRaw('SELECT COUNT(*) AS n FROM seen')).rows;
      await sql.prepare('INSERT IGNORE INTO seen (event_id) VALUES (?)').bindParams('ev').execute();
      return event.retryContext === undefined ? { _retry: true, retryOptions: { retryAfter: 1, retryReason: 'FUNCTION_RETRY_REQUEST' } } : before;
    };
    for (let i = 0; i < 2; i++) {
      const trace = await driveProduct(handler);
      expect(trace.deliveries.map((d) => d.outcome.kind)).toEqual(['app-retry', 'success']);
      expect(trace.deliveries[1]?.outcome).toEqual({ kind: 'success', value: [{ n: 1 }] });
    }
  });

  it('runs the migrations enqueued on migrationRunner before the first delivery, so the handler finds them done', async () => {
    migrationRunner.enqueue('v001_create_audit', CREATE_AUDIT);
    const trace = await driveProduct(async () => {
      const before = (await sql.executeRaw('SELECT COUNT(*) AS n FROM audit')).rows;
      const ran = await migrationRunner.run();
      return { before, ran, listed: (await migrationRunner.list()).map((m) => m.name) };
    });
    expect(trace.deliveries[0]?.outcome).toEqual({
      kind: 'success',
      value: { before: [{ n: 0 }], ran: [], listed: expect.arrayContaining(['v001_create_audit']) },
    });
    // The harness's own migration run is not a request of the handler's.
    expect(trace.deliveries[0]?.requests[0]?.operation).toMatchObject({ name: 'select', query: 'SELECT COUNT(*) AS n FROM audit' });
  });

  it('fails a planned 429 as ForgeSQLAPIError without rate-limit headers', async () => {
    const trace = await driveProduct(
      async () =>
        sql.executeRaw('SELECT 1').then(
          () => 'ok',
          (e: Error) => `${e.name} ${codeOf(e)}`,
        ),
      {
        scenario: scenario([{ storage: [{ kind: 'status', status: 429, headers: { 'Retry-After': '30', 'RateLimit-Reason': 'jira-burst-based' } }] }]),
      },
    );
    expect(trace.deliveries[0]?.outcome).toEqual({ kind: 'success', value: 'ForgeSQLError RATE_LIMIT_EXCEEDED' });
    expect(Object.keys((trace.deliveries[0]?.requests[0]?.response as { headers: object }).headers)).toEqual(['content-type']);
  });

  it('refuses a statement SQLite cannot run as a usage error naming it, never a finding', async () => {
    const check = checkRetrySemantics(
      async () => {
        await sql.executeRaw('SHOW TABLES');
      },
      { numRuns: 3 },
    );
    await expect(check).rejects.toMatchObject({
      name: 'HarnessUsageError',
      message: expect.stringMatching(/SQL statement "SHOW TABLES" cannot run on the SQLite engine the harness uses \(sqlite: near "SHOW": syntax error\)/),
    });
  });

  it('refuses a statement on a table no migration created, saying where to create it', async () => {
    const trace = await driveProduct(async () =>
      sql.executeRaw('SELECT * FROM nowhere').then(
        () => 'ok',
        (e: Error) => e.message,
      ),
    );
    expect(trace.deliveries[0]?.issues).toEqual([
      {
        kind: 'unsupported-surface',
        surface: 'sql',
        detail: 'SQL statement "SELECT * FROM nowhere" reads a table that does not exist (sqlite: no such table: nowhere)',
        fix: 'create the table in a migration enqueued on migrationRunner when the module loads (the harness runs those before the first delivery), or in the handler',
      },
    ]);
  });
});

describe('the MySQL dialect translation', () => {
  it('turns forge-sql-orm DDL into SQLite that numbers its own ids', () => {
    expect(toSqlite(CREATE_AUDIT)).toBe(
      'CREATE TABLE IF NOT EXISTS `audit` (`id` INTEGER NOT NULL, `issue_key` varchar(32)  NOT NULL, `action` varchar(64) NOT NULL, PRIMARY KEY (`id`))  ',
    );
  });

  it('rewrites upserts with VALUES() and a row alias, leaving string literals alone', () => {
    expect(toSqlite('INSERT INTO c (k, n) VALUES (?, ?) ON DUPLICATE KEY UPDATE n = VALUES(n)')).toBe(
      'INSERT INTO c (k, n) VALUES (?, ?) ON CONFLICT DO UPDATE SET n = excluded.n',
    );
    expect(toSqlite('INSERT INTO c (k, n) VALUES (?, ?) AS new ON DUPLICATE KEY UPDATE n = new.n')).toBe(
      'INSERT INTO c (k, n) VALUES (?, ?) ON CONFLICT DO UPDATE SET n = excluded.n',
    );
    expect(toSqlite("INSERT IGNORE INTO t (v) VALUES ('INSERT IGNORE INTO')")).toBe("INSERT OR IGNORE INTO t (v) VALUES ('INSERT IGNORE INTO')");
  });

  it('drops column and table options SQLite has no use for, and maps ENUM to TEXT', () => {
    expect(
      toSqlite(
        "CREATE TABLE a (id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY, s ENUM('x','y') COMMENT 'state', u DATETIME(3) DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), UNIQUE KEY uq (s)) ENGINE=InnoDB COMMENT='t'",
      ),
    ).toBe('CREATE TABLE a (id INTEGER PRIMARY KEY, s TEXT , u DATETIME(3) DEFAULT CURRENT_TIMESTAMP , UNIQUE (s))  ');
  });
});

describe('SQL increments', () => {
  it('records an UPDATE that sets a column from itself as an increment, applied only when it changed rows', async () => {
    const trace = await driveProduct(async () => {
      await sql.executeDDL(
        "CREATE TABLE IF NOT EXISTS stats (k VARCHAR(32) NOT NULL, n INT NOT NULL DEFAULT 0, last VARCHAR(64) NOT NULL DEFAULT '', PRIMARY KEY (k))",
      );
      await sql.prepare('INSERT INTO stats (k) VALUES (?)').bindParams('a').execute();
      await sql.prepare('UPDATE stats SET n = n + 1 WHERE k = ?').bindParams('a').execute();
      await sql.prepare('UPDATE stats SET n = n + 1 WHERE k = ?').bindParams('missing').execute();
      await sql.prepare('UPDATE stats SET n = 5 WHERE k = ?').bindParams('a').execute();
      await sql.prepare('UPDATE `stats` SET last = ?, `n` = `n` - 1 WHERE k = ? AND last <> ?').bindParams('e1', 'a', 'e1').execute();
      await sql.prepare('UPDATE `stats` SET last = ?, `n` = `n` - 1 WHERE k = ? AND last <> ?').bindParams('e1', 'a', 'e1').execute();
      return (await sql.executeRaw('SELECT n FROM stats')).rows;
    });
    expect(trace.deliveries[0]?.outcome).toEqual({ kind: 'success', value: [{ n: 4 }] });
    const requests = trace.deliveries[0]?.requests.slice(2, 7) ?? [];
    expect(requests.map((r) => [r.operation?.name, r.effect])).toEqual([
      ['increment', 'applied'],
      ['increment', 'not-applied'],
      ['update', 'applied'],
      ['increment', 'applied'],
      ['increment', 'not-applied'],
    ]);
  });
});
