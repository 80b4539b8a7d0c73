/**
 * Real asynchronous work is not a hang. A handler that reads a file, signs with WebCrypto, gzips or
 * imports a module lazily waits on the thread pool, not on virtual time: while such work is pending,
 * the driver must neither move the clock (a timer racing the work would win by the machine's speed)
 * nor call the handler hung. An async hook notes every request-like resource (a libuv request, a
 * crypto job, a zlib handle) created in an invocation's async context and forgets it when Node
 * destroys it, which is after its callback ran; the driver advances virtual time only when an
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

/** Whether a tracked resource still stands for pending work (a real timer only while it holds the loop). */
const pending = (resource: object): boolean => {
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
  for (const resource of inv.realWork.values()) if (pending(resource)) return true;
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
      if (inv === undefined || inv.ended) return;
      owners.set(asyncId, inv);
      inv.realWork.set(asyncId, resource);
    },
    before(asyncId) {
      const inv = owners.get(asyncId);
      if (inv !== undefined) inv.activity += 1;
    },
    destroy(asyncId) {
      const inv = owners.get(asyncId);
      if (inv === undefined) return;
      owners.delete(asyncId);
      inv.realWork.delete(asyncId);
      inv.activity += 1;
    },
  });
  hook.enable();
  return () => {
    hook.disable();
    owners.clear();
  };
};
