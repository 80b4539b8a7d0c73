/**
 * The @forge/kvs 1.6.5 wire protocol over the in-memory store (read in node_modules/@forge/kvs:
 * storage-api.js and utils/error-handling.js). Every call is `POST <path>` with a JSON body; errors are
 * non-2xx `{ code, message }`, and `get`/`delete` turn `KEY_NOT_FOUND` into `undefined`.
 */
import type { Operation } from '../../models/trace.js';
import { httpAnswer, type HttpAnswer } from './answer.js';
import { forgeServiceFailure } from './planned.js';
import { fromStore, type PreparedRequest } from './prepared.js';
import type { SurfaceSimulator } from './simulator.js';
import type { KeyValueStore, Namespace, StoredEntry } from './store.js';

const TTL_UNIT_MS: Readonly<Record<string, number>> = { SECONDS: 1000, MINUTES: 60_000, HOURS: 3_600_000, DAYS: 86_400_000 };

const error = (status: number, code: string, message: string): HttpAnswer => httpAnswer(status, { code, message });

/** The error for a KVS surface the harness does not simulate. */
export const kvsUnsupported = (path: string): HttpAnswer =>
  error(501, 'UNSUPPORTED_BY_HARNESS', `forge-retry-harness does not simulate the @forge/kvs call ${path} (supported: get, set, delete, their secret and entity forms)`);

const entryBody = (key: string, entry: StoredEntry): Record<string, unknown> => ({
  key,
  value: entry.value,
  createdAt: entry.createdAt,
  updatedAt: entry.updatedAt,
  ...(entry.expireTime !== undefined ? { expireTime: new Date(entry.expireTime).toISOString() } : {}),
});

const ttlMs = (options: Record<string, unknown> | undefined): number | undefined => {
  const ttl = options?.['ttl'] as { value?: unknown; unit?: unknown } | undefined;
  if (ttl === undefined || typeof ttl.value !== 'number') return undefined;
  return ttl.value * (TTL_UNIT_MS[String(ttl.unit)] ?? 1000);
};

const valueText = (value: unknown): string => {
  try {
    return JSON.stringify(value) ?? 'undefined';
  } catch {
    return String(value);
  }
};

interface Route {
  readonly action: 'get' | 'set' | 'delete';
  readonly ns: Namespace;
  readonly key: string;
  readonly operation: Operation;
}

const route = (path: string, body: Record<string, unknown>): Route | undefined => {
  const key = String(body['key']);
  const match = /^\/api\/v1\/(?:(secret|entity)\/)?(get|set|delete)$/.exec(path);
  if (match === null) return undefined;
  const [, space, action] = match as unknown as [string, 'secret' | 'entity' | undefined, 'get' | 'set' | 'delete'];
  const value = action === 'set' ? { value: valueText(body['value']) } : {};
  if (space === 'entity') {
    const ns: Namespace = `entity:${String(body['entityName'])}`;
    // The entity name is folded into the operation's key, so dedup judgments still see it.
    return { action, ns, key, operation: { surface: 'kvs', name: action, key: `${ns}:${key}`, ...value } };
  }
  const secret = space === 'secret';
  return { action, ns: secret ? 'secret' : 'kv', key, operation: { surface: 'kvs', name: secret ? `${action}-secret` : action, key, ...value } };
};

const other = (path: string): Operation => ({ surface: 'kvs', name: 'other', target: path });

const applySet = (store: KeyValueStore, r: Route, body: Record<string, unknown>, now: number): HttpAnswer => {
  const options = body['options'] as Record<string, unknown> | undefined;
  const previous = store.get(r.ns, r.key, now);
  // U: the status and code the service uses for FAIL_IF_EXISTS on an existing key are not published.
  if (options?.['keyPolicy'] === 'FAIL_IF_EXISTS' && previous !== undefined) {
    return error(409, 'KEY_ALREADY_EXISTS', `Key ${r.key} already exists`);
  }
  const entry = store.set(r.ns, r.key, body['value'], now, ttlMs(options));
  if (options !== undefined && 'returnValue' in options) {
    if (options['returnValue'] === 'PREVIOUS') return previous === undefined ? httpAnswer(204) : httpAnswer(200, entryBody(r.key, previous));
    return httpAnswer(200, entryBody(r.key, entry));
  }
  return httpAnswer(204);
};

/**
 * Parses one @forge/kvs request against the run's store.
 *
 * @example
 * prepareKvs('/api/v1/get', '{"key":"k"}', store, () => now).apply().answer.status // 404 when k is missing
 */
export const prepareKvs = (path: string, bodyText: string | undefined, store: KeyValueStore, now: () => number): PreparedRequest => {
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(bodyText ?? '{}');
    if (parsed !== null && typeof parsed === 'object') body = parsed as Record<string, unknown>;
  } catch {
    return { mutates: false, operation: other(path), apply: () => fromStore(error(400, 'BAD_REQUEST', 'Provided request body is invalid')) };
  }
  const r = route(path, body);
  if (r === undefined) {
    return { mutates: true, operation: other(path), unsupported: `@forge/kvs ${path}`, apply: () => fromStore(kvsUnsupported(path)) };
  }
  switch (r.action) {
    case 'get':
      return {
        mutates: false,
        operation: r.operation,
        apply: () => {
          const entry = store.get(r.ns, r.key, now());
          return fromStore(entry === undefined ? error(404, 'KEY_NOT_FOUND', 'Provided key does not exist') : httpAnswer(200, entryBody(r.key, entry)));
        },
      };
    case 'set':
      return { mutates: true, operation: r.operation, apply: () => fromStore(applySet(store, r, body, now())) };
    case 'delete':
      return {
        mutates: true,
        operation: r.operation,
        apply: () => {
          store.delete(r.ns, r.key, now());
          return fromStore(httpAnswer(204));
        },
      };
  }
};

/** @forge/kvs over the run's store. */
export const kvsSimulator: SurfaceSimulator = {
  failureBody: forgeServiceFailure,
  prepare: (request, ctx) => prepareKvs(request.path.split('?', 1)[0] ?? request.path, request.body, ctx.store, ctx.now),
};
