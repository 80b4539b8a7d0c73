/**
 * Real asynchronous work is not a hang. A handler that reads a file, signs with WebCrypto, gzips or
 * imports a module lazily waits on the thread pool, not on virtual time: while such work is pending,
 * the driver must neither move the clock (a timer racing the work would win by the machine's speed)
 * nor call the handler hung. An async hook notes every request-like resource (a libuv request, a
 * crypto job, a zlib handle) created in an invocation's async context and forgets it once its
 * callback ran; the driver advances virtual time only when an
 * invocation has none pending, so the verdict does not depend on how fast the machine is.
 *
 * Module loaders do their work elsewhere: tsx (and Node's off-thread loader hooks) answer an
 * `import()` over a MessagePort made for the request, and Vitest's module runner asks its main
 * process over IPC, guarded by a real timer it captured before the check began (the handler's own
 * timers are virtual, so a real one created in its context is always such a guard). Both count as
 * real work until they are closed or cleared; an unreferenced real timer (`AbortSignal.timeout`'s)
 * waits on nobody and does not.
 */
import { createHook } from 'node:async_hooks';
import { invocationStorage, type Invocation } from './invocation.js';
import type { Restore } from './swap.js';

/**
 * The async resource types that stand for work the thread pool (or the kernel) finishes by itself:
 * file system requests, DNS look-ups, crypto jobs (WebCrypto's `subtle` runs on these), zlib and
 * stream writes. Timers, immediates and promises are not here: they are the handler's own waiting,
 * which virtual time serves; nor are long-lived handles (sockets, watchers, message ports), which
 * never finish by themselves.
 */
const REAL_WORK_TYPES: ReadonlySet<string> = new Set([
  'FSREQCALLBACK',
  'FSREQPROMISE',
  'FILEHANDLECLOSEREQ',
  'BLOBREADER',
  'GETADDRINFOREQWRAP',
  'GETNAMEINFOREQWRAP',
  'QUERYWRAP',
  'CHECKPRIMEREQUEST',
  'PBKDF2REQUEST',
  'KEYPAIRGENREQUEST',
  'KEYGENREQUEST',
  'KEYEXPORTREQUEST',
  'CIPHERREQUEST',
  'DERIVEBITSREQUEST',
  'HASHREQUEST',
  'RANDOMBYTESREQUEST',
  'RANDOMPRIMEREQUEST',
  'SCRYPTREQUEST',
  'SIGNREQUEST',
  'VERIFYREQUEST',
  'ZLIB',
  'WRITEWRAP',
  'SHUTDOWNWRAP',
  'MESSAGEPORT',
  'Timeout',
]);

/** The JavaScript object a native handle belongs to (Node keeps it under its internal `owner_symbol`). */
const ownerOf = (resource: object): Record<string, unknown> | undefined => {
  const key = Object.getOwnPropertySymbols(resource).find((k) => k.description === 'owner_symbol');
  const owner = key === undefined ? undefined : (resource as Record<symbol, unknown>)[key];
  return typeof owner === 'object' && owner !== null ? (owner as Record<string, unknown>) : undefined;
};

/**
 * Whether a tracked resource still stands for pending work: a real timer only while it holds the
 * loop and has neither fired nor been cleared; a message port while it is open and referenced; a zlib
 * handle until its stream is closed (a gzip calls back once per chunk on one handle).
 */
const pending = (type: string, resource: object): boolean => {
  if (type === 'ZLIB') {
    const owner = ownerOf(resource);
    return owner !== undefined && owner['destroyed'] !== true && owner['_handle'] !== null;
  }
  // A timer that fired or was cleared is `_destroyed`, but keeps saying `hasRef()`.
  if (type === 'Timeout' && (resource as { _destroyed?: boolean })._destroyed === true) return false;
  const ref = (resource as { hasRef?: () => boolean }).hasRef;
  return typeof ref !== 'function' || ref.call(resource);
};

/**
 * Whether `inv` has real work pending.
 *
 * @example
 * if (!hasRealWork(inv)) clock.next();
 */
export const hasRealWork = (inv: Invocation): boolean => {
  for (const [id, { type, resource }] of inv.realWork) {
    if (pending(type, resource)) return true;
    inv.realWork.delete(id);
  }
  return false;
};

/**
 * Tracks real work per invocation for the length of a check; returns how to stop.
 *
 * @example
 * const restore = trackRealWork();
 */
export const trackRealWork = (): Restore => {
  const owners = new Map<number, Invocation>();
  const hook = createHook({
    init(asyncId, type, _trigger, resource) {
      if (!REAL_WORK_TYPES.has(type)) return;
      const inv = invocationStorage.getStore();
      if (inv === undefined || inv.ended || inv.loadingModule) return;
      owners.set(asyncId, inv);
      inv.realWork.set(asyncId, { type, resource });
    },
    before(asyncId) {
      const inv = owners.get(asyncId);
      if (inv !== undefined) inv.activity += 1;
    },
    // Not `destroy`: a destroy hook makes Node track the collection of every promise, which doubled
    // the cost of promise-heavy handlers. A request calls back once; its `after` is its end.
    after(asyncId) {
      const inv = owners.get(asyncId);
      if (inv === undefined) return;
      inv.activity += 1;
      const tracked = inv.realWork.get(asyncId);
      if (tracked === undefined || tracked.type === 'ZLIB' || tracked.type === 'MESSAGEPORT' || tracked.type === 'Timeout') return;
      owners.delete(asyncId);
      inv.realWork.delete(asyncId);
    },
  });
  hook.enable();
  return () => {
    hook.disable();
    owners.clear();
  };
};
