/**
 * The SDK-level operations the storage and platform-service simulators recognise, per surface, and how
 * each reads in a report. An operation records what a request means (`kvs set "k"`), not how it went
 * over the wire (`POST /api/v1/set`), so properties can judge idempotence by meaning. A new operation,
 * such as `kvs query` or `kvs batch-set`, is one line here plus the simulator that records it.
 */
import type { UpstreamSurface } from './surfaces.js';

/** How an operation reads in a report. */
export interface OperationEntry {
  /**
   * The call as reports show it, followed by the operation's arguments; `null` shows the request's
   * method and path instead (the harness could not read it, or refuses it).
   */
  readonly call: string | null;
}

const KVS_OPERATIONS = {
  get: { call: 'kvs get' },
  set: { call: 'kvs set' },
  delete: { call: 'kvs delete' },
  'get-secret': { call: 'kvs get-secret' },
  'set-secret': { call: 'kvs set-secret' },
  'delete-secret': { call: 'kvs delete-secret' },
  /** A call the simulator does not recognise. */
  other: { call: null },
} as const satisfies Record<string, OperationEntry>;

/** The operations of each surface that records them; HTTP surfaces record none. */
export const OPERATIONS = {
  kvs: KVS_OPERATIONS,
  // Legacy storage reaches the same data as @forge/kvs, so its calls read as kvs calls.
  storage: KVS_OPERATIONS,
  queue: { push: { call: 'Queue.push' } },
  sql: { execute: { call: null } },
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
  /** What was written or sent, as JSON text (a KVS value, the events of a push). */
  readonly value?: string;
  /** Where it went when that is not a key: a queue name, or the path of an unrecognised call. */
  readonly target?: string;
  /** Query text, such as a SQL statement. */
  readonly query?: string;
}

/** The meaning of a storage or platform-service request: its surface, the operation's name, its arguments. */
export type Operation = {
  readonly [S in OperationSurface]: OperationArgs & { readonly surface: S; readonly name: OperationName<S> };
}[OperationSurface];

/**
 * How an operation's call reads in a report, or null when it is shown by its method and path.
 *
 * @example
 * operationCall({ surface: 'queue', name: 'push', target: 'jobs', value: '[]' }) // 'Queue.push'
 */
export const operationCall = (op: Operation): string | null =>
  (OPERATIONS[op.surface] as Readonly<Record<string, OperationEntry>>)[op.name]?.call ?? null;
