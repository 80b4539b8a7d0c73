/**
 * The SDK-level operations the storage and platform-service simulators recognise, per surface, and how
 * each reads in a report. An operation records what a request means (`kvs set "k"`), not how it went
 * over the wire (`POST /api/v1/set`), so properties can judge idempotence by meaning. A new operation
 * is one line here plus the simulator that records it.
 */
import { cutText, renderValue } from './render-value.js';
import type { UpstreamSurface } from './surfaces.js';

/** How an operation reads in a report, and whether carrying it out twice is a second effect. */
export interface OperationEntry {
  /**
   * The call as reports show it, followed by the operation's arguments; `null` shows the request's
   * method and path instead (the harness could not read it, or refuses it).
   */
  readonly call: string | null;
  /**
   * True when every time it takes effect is a new effect, even on a storage surface: a second
   * `Queue.push` is a second job, a second row-adding `INSERT` a second row, a second transaction
   * that changes state a second unit of work. Storage writes of a key are idempotent and say false.
   */
  readonly effect: boolean;
  /**
   * What makes a later call the same request again, so that its success recovers an earlier failure:
   * its key (a get or set of one key), its target (a query's condition and page), its statement and
   * parameters (SQL), or nothing beyond the call itself (a batch, a push: any later call of it is the
   * retry, typically of the failed part).
   * @defaultValue 'key'
   */
  readonly sameRequest?: 'key' | 'target' | 'statement' | 'call';
}

const KVS_OPERATIONS = {
  get: { call: 'kvs get', effect: false },
  set: { call: 'kvs set', effect: false },
  delete: { call: 'kvs delete', effect: false },
  'get-secret': { call: 'kvs get-secret', effect: false },
  'set-secret': { call: 'kvs set-secret', effect: false },
  'delete-secret': { call: 'kvs delete-secret', effect: false },
  query: { call: 'kvs query', effect: false, sameRequest: 'target' },
  'entity-query': { call: 'kvs entity query', effect: false, sameRequest: 'target' },
  'batch-get': { call: 'kvs batchGet', effect: false, sameRequest: 'call' },
  'batch-set': { call: 'kvs batchSet', effect: false, sameRequest: 'call' },
  'batch-delete': { call: 'kvs batchDelete', effect: false, sameRequest: 'call' },
  // A transaction is a unit of work: one that changes state again for the same event did the work twice.
  transact: { call: 'kvs transact', effect: true },
  /** A call the simulator does not recognise. */
  other: { call: null, effect: false },
} as const satisfies Record<string, OperationEntry>;

const SQL_OPERATIONS = {
  select: { call: 'sql', effect: false, sameRequest: 'statement' },
  // Only an INSERT that added rows is recorded as applied: one a unique key rejected or ignored is not.
  insert: { call: 'sql', effect: true, sameRequest: 'statement' },
  update: { call: 'sql', effect: false, sameRequest: 'statement' },
  // An UPDATE that sets a column from itself (`SET n = n + 1`) and changed rows: run again, it counts
  // again, so like a row-adding INSERT it is a second effect; one whose WHERE matched nothing is not.
  increment: { call: 'sql', effect: true, sameRequest: 'statement' },
  delete: { call: 'sql', effect: false, sameRequest: 'statement' },
  ddl: { call: 'sql', effect: false, sameRequest: 'statement' },
  other: { call: 'sql', effect: false, sameRequest: 'statement' },
} as const satisfies Record<string, OperationEntry>;

/** The operations of each surface that records them; HTTP surfaces record none. */
export const OPERATIONS = {
  kvs: KVS_OPERATIONS,
  // Legacy storage reaches the same data as @forge/kvs, so its calls read as kvs calls.
  storage: KVS_OPERATIONS,
  queue: {
    push: { call: 'Queue.push', effect: true, sameRequest: 'call' },
    'get-stats': { call: 'Queue getStats', effect: false },
    cancel: { call: 'Queue cancel', effect: false },
  },
  'app-events': { publish: { call: 'appEvents.publish', effect: true, sameRequest: 'call' } },
  'web-trigger': {
    'get-url': { call: 'webTrigger.getUrl', effect: false },
    'delete-url': { call: 'webTrigger.deleteUrl', effect: false },
    'query-urls': { call: 'webTrigger.queryUrls', effect: false },
  },
  sql: SQL_OPERATIONS,
} as const satisfies { readonly [S in UpstreamSurface]?: Readonly<Record<string, OperationEntry>> };

type Catalog = typeof OPERATIONS;

/** A surface whose requests carry an operation. */
export type OperationSurface = keyof Catalog;

/** The operation names of a surface. */
export type OperationName<S extends OperationSurface = OperationSurface> = S extends OperationSurface ? keyof Catalog[S] & string : never;

/** The arguments an operation may carry; each simulator fills in those its operation has. */
export interface OperationArgs {
  /** The key read or written. Custom entities fold their name in: `entity:<name>:<key>`. */
  readonly key?: string;
  /** The keys of a batch or a transaction, entity names folded in as for `key`. */
  readonly keys?: readonly string[];
  /** What was written or sent, as JSON text (a KVS value, the events of a push). */
  readonly value?: string;
  /** Where it went when that is not a key: a queue name, a query's condition, the path of an unrecognised call. */
  readonly target?: string;
  /** A SQL statement, as the handler wrote it. */
  readonly query?: string;
  /** The statement's bound parameters, as JSON text. */
  readonly params?: string;
}

/** The meaning of a storage or platform-service request: its surface, the operation's name, its arguments. */
export type Operation = {
  readonly [S in OperationSurface]: OperationArgs & { readonly surface: S; readonly name: OperationName<S> };
}[OperationSurface];

const entryOf = (op: Operation): OperationEntry | undefined => (OPERATIONS[op.surface] as Readonly<Record<string, OperationEntry>>)[op.name];

/**
 * How an operation's call reads in a report, or null when it is shown by its method and path.
 *
 * @example
 * operationCall({ surface: 'queue', name: 'push', target: 'jobs', value: '[]' }) // 'Queue.push'
 */
export const operationCall = (op: Operation): string | null => entryOf(op)?.call ?? null;

/**
 * The call and its arguments as reports show them (`kvs set "k" = "v"`, `Queue.push jobs "[...]"`,
 * `sql INSERT INTO t VALUES (?) ["a"]`), or null when the request is shown by its method and path.
 * Without a key, the value is the operation's main argument and gets more room.
 *
 * @example
 * describeOperation({ surface: 'kvs', name: 'get', key: 'k' }) // 'kvs get "k"'
 */
export const describeOperation = (op: Operation): string | null => {
  const call = operationCall(op);
  if (call === null) return null;
  const args = [
    op.target,
    op.key === undefined ? undefined : renderValue(op.key, 40),
    op.value === undefined ? undefined : op.key === undefined ? renderValue(op.value, 60) : `= ${renderValue(op.value, 40)}`,
    op.query === undefined ? undefined : cutText(op.query.replace(/\s+/g, ' ').trim(), 70),
    op.params === undefined || op.params === '[]' ? undefined : cutText(op.params, 40),
  ];
  return [call, ...args.filter((a) => a !== undefined)].join(' ');
};

/**
 * What makes a later request to the same method and path the same request again (see
 * {@link OperationEntry.sameRequest}), as text to append to them; empty when the call alone does.
 *
 * @example
 * sameRequestOf({ surface: 'kvs', name: 'get', key: 'k' }) // ' key=k'
 */
export const sameRequestOf = (op: Operation): string => {
  switch (entryOf(op)?.sameRequest ?? 'key') {
    case 'key':
      return op.key === undefined ? '' : ` key=${op.key}`;
    case 'target':
      return op.target === undefined ? '' : ` target=${op.target}`;
    case 'statement':
      return ` query=${op.query ?? ''} params=${op.params ?? '[]'}`;
    case 'call':
      return '';
  }
};

/**
 * What makes a storage or platform-service request the same effect again, or undefined when its
 * operation is not an effect (see {@link OperationEntry.effect}). A transaction is identified by the
 * keys it writes, not their values: the second run of a read-modify-write writes other values to the
 * same keys, and that is exactly the duplicate to catch.
 *
 * @example
 * effectIdentity({ surface: 'kvs', name: 'get', key: 'k' }) // undefined
 */
export const effectIdentity = (op: Operation): string | undefined => {
  if (entryOf(op)?.effect !== true) return undefined;
  if (op.surface === 'kvs' && op.name === 'transact') return JSON.stringify([op.surface, op.name, op.keys]);
  return JSON.stringify([op.surface, op.name, op.key, op.keys, op.target, op.value, op.query, op.params]);
};
