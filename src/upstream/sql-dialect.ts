/**
 * Forge SQL speaks MySQL (it runs on TiDB); the harness runs statements on SQLite (sql.js). This file
 * translates the MySQL-isms that are cheap and common in Forge apps (the DDL `forge-sql-orm` and
 * hand-written migrations emit, and the idempotent inserts handlers use); anything else is left for
 * SQLite to accept or refuse, and a refusal is a usage error naming the statement (README "Limits").
 * SQLite accepts backtick identifiers, `LIMIT offset, count`, `REPLACE INTO` and MySQL's type names as
 * they are.
 *
 * | MySQL | SQLite |
 * |---|---|
 * | `INSERT IGNORE` | `INSERT OR IGNORE` |
 * | `ON DUPLICATE KEY UPDATE c = VALUES(c)` (or `new.c` after `AS new`) | `ON CONFLICT DO UPDATE SET c = excluded.c` |
 * | `id INT ... AUTO_INCREMENT` | `id INTEGER ...`, so the column is the rowid and numbers itself |
 * | table options (`ENGINE=`, `AUTO_INCREMENT=`, `CHARSET=`, `COLLATE=`, `COMMENT=`) | dropped |
 * | column `COLLATE x`, `CHARACTER SET x`, `COMMENT '...'`, `ON UPDATE CURRENT_TIMESTAMP` | dropped |
 * | `KEY name (cols)`, `INDEX name (cols)` inside CREATE TABLE | dropped (an index changes no result) |
 * | `UNIQUE KEY name (cols)` | `UNIQUE (cols)` |
 * | `ENUM(...)`, `SET(...)` | `TEXT` |
 * | `CURRENT_TIMESTAMP(3)` | `CURRENT_TIMESTAMP` |
 * | `TRUNCATE TABLE t` | `DELETE FROM t` |
 * | `SELECT ... FOR UPDATE` | without `FOR UPDATE` (one connection, nothing to lock) |
 *
 * `NOW()`, `CURDATE()` and `UNIX_TIMESTAMP()` are registered as functions reading virtual time.
 */

const PAREN = String.raw`\((?:[^()]|\([^()]*\))*\)`;
const IDENT = String.raw`(?:\x60[^\x60]+\x60|"[^"]+"|\w+)`;

type Rewrite = readonly [RegExp, string | ((...groups: string[]) => string)];

const REWRITES: readonly Rewrite[] = [
  [/\bINSERT\s+IGNORE\s+INTO\b/gi, 'INSERT OR IGNORE INTO'],
  [/\bTRUNCATE\s+(?:TABLE\s+)?/gi, 'DELETE FROM '],
  [/\s+FOR\s+UPDATE\s*(;?)\s*$/gi, '$1'],
  [
    new RegExp(String.raw`(${IDENT}\s+)(?:BIG|SMALL|MEDIUM|TINY)?INT(?:EGER)?(?:\s*\(\d+\))?(?:\s+UNSIGNED)?((?:(?!,)[^()])*?)\s+AUTO_INCREMENT\b`, 'gi'),
    '$1INTEGER$2',
  ],
  [/\bAUTO_INCREMENT\b(?!\s*=)/gi, ''],
  [/\b(?:ENGINE|AUTO_INCREMENT|ROW_FORMAT|(?:DEFAULT\s+)?(?:CHARSET|CHARACTER\s+SET)|(?:DEFAULT\s+)?COLLATE)\s*=\s*[\w\uE000]+/gi, ''],
  [/\b(?:COLLATE|CHARACTER\s+SET|CHARSET)\s+\w+/gi, ''],
  [/\bCOMMENT\s*=?\s*\uE000\d+\uE000/gi, ''],
  [/\bON\s+UPDATE\s+CURRENT_TIMESTAMP(?:\s*\(\s*\d*\s*\))?/gi, ''],
  [/\bCURRENT_TIMESTAMP\s*\(\s*\d*\s*\)/gi, 'CURRENT_TIMESTAMP'],
  [new RegExp(String.raw`,\s*(?:FULLTEXT\s+|SPATIAL\s+)?(?:KEY|INDEX)\s+(?:${IDENT}\s*)?${PAREN}`, 'gi'), ''],
  [new RegExp(String.raw`\bUNIQUE\s+(?:KEY|INDEX)\s+(?:${IDENT}\s*)?(${PAREN})`, 'gi'), 'UNIQUE $1'],
  [new RegExp(String.raw`\b(?:ENUM|SET)\s*${PAREN}`, 'gi'), 'TEXT'],
];

const upsert = (sql: string): string => {
  const match = /\bON\s+DUPLICATE\s+KEY\s+UPDATE\b/i.exec(sql);
  if (match === undefined || match === null) return sql;
  let head = sql.slice(0, match.index);
  let tail = sql.slice(match.index + match[0].length);
  // MySQL 8's row alias: `VALUES (...) AS new ON DUPLICATE KEY UPDATE c = new.c`.
  const alias = /\)\s+AS\s+(\w+)\s*$/i.exec(head);
  if (alias !== null) {
    head = head.slice(0, alias.index + 1);
    tail = tail.replace(new RegExp(String.raw`\b${alias[1]}\.`, 'g'), 'excluded.');
  }
  tail = tail.replace(new RegExp(String.raw`\bVALUES\s*\(\s*(${IDENT})\s*\)`, 'gi'), 'excluded.$1');
  return `${head.trimEnd()} ON CONFLICT DO UPDATE SET${tail}`;
};

/**
 * A MySQL statement in the SQLite the engine runs. String literals are left alone.
 *
 * @example
 * toSqlite('INSERT IGNORE INTO seen (id) VALUES (?)') // 'INSERT OR IGNORE INTO seen (id) VALUES (?)'
 */
export const toSqlite = (sql: string): string => {
  const literals: string[] = [];
  // Single-quoted literals become placeholders, so no rewrite reaches into one.
  let code = sql.replace(/'(?:[^'\\]|\\.|'')*'/g, (literal) => `\uE000${literals.push(literal) - 1}\uE000`);
  for (const [pattern, replacement] of REWRITES) code = code.replace(pattern, replacement as string);
  code = upsert(code);
  return code.replace(/\uE000(\d+)\uE000/g, (_, i: string) => literals[Number(i)] ?? '');
};

/** What a statement does, by its first keyword. */
export type StatementKind = 'select' | 'insert' | 'update' | 'delete' | 'ddl' | 'other';

/**
 * The kind of a statement.
 *
 * @example
 * statementKind('  insert into t values (1)') // 'insert'
 */
export const statementKind = (sql: string): StatementKind => {
  const word = /^\s*(?:\/\*[\s\S]*?\*\/\s*|--[^\n]*\n\s*)*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? '';
  if (word === 'SELECT' || word === 'WITH' || word === 'SHOW' || word === 'EXPLAIN' || word === 'DESCRIBE') return 'select';
  if (word === 'INSERT' || word === 'REPLACE') return 'insert';
  if (word === 'UPDATE') return 'update';
  if (word === 'DELETE' || word === 'TRUNCATE') return 'delete';
  if (['CREATE', 'ALTER', 'DROP', 'RENAME'].includes(word)) return 'ddl';
  return 'other';
};

/**
 * The table an INSERT writes to, as SQLite names it, or undefined when it cannot be read.
 *
 * @example
 * insertTarget('INSERT OR IGNORE INTO `seen` (id) VALUES (1)') // '`seen`'
 */
export const insertTarget = (sqlite: string): string | undefined =>
  new RegExp(String.raw`^\s*(?:INSERT|REPLACE)\s+(?:OR\s+\w+\s+)?INTO\s+(${IDENT}(?:\.${IDENT})?)`, 'i').exec(sqlite)?.[1];

/**
 * True when an UPDATE sets a column from its own value with + or - (`SET n = n + 1`,
 * `SET total = total - ?`): applying it twice is not applying it once, unlike `SET n = 5`.
 *
 * @example
 * isRelativeUpdate('UPDATE counters SET n = n + 1 WHERE id = ?') // true
 * isRelativeUpdate('UPDATE counters SET n = 5 WHERE id = ?') // false
 */
export const isRelativeUpdate = (sql: string): boolean => {
  const set = /\bSET\b([\s\S]*?)(?:\bWHERE\b|\bORDER\s+BY\b|\bLIMIT\b|;|$)/i.exec(sql)?.[1];
  if (set === undefined) return false;
  const ident = '[`"]?(\\w+)[`"]?';
  const assignment = new RegExp(String.raw`(?:^|,)\s*(?:\w+\.)?${ident}\s*=\s*(?:\w+\.)?${ident}\s*[-+]`, 'gi');
  for (const m of set.matchAll(assignment)) if (m[1]?.toLowerCase() === m[2]?.toLowerCase()) return true;
  return false;
};
