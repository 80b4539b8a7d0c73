/**
 * External `fetch`. @forge/api 6+ captures the global `fetch` when it loads, so replacing
 * `globalThis.fetch` later would not reach `api.fetch`; Node's fetch is intercepted one level down
 * instead, at undici's global dispatcher, which Node's built-in fetch reads on every call. The
 * dispatcher answers from the simulation and never opens a socket.
 */
import { Dispatcher, setGlobalDispatcher } from 'undici';
import { thrownMessage } from '../../models/render-value.js';
import { networkError } from '../upstream/answer.js';
import { NODE_FETCH_SURFACE } from '../upstream/classify.js';
import { handOver, serveOn } from './forge-fetch.js';
import { requireLiveInvocation } from './invocation.js';
import { bodyText, dispatchHeaders } from './request-parts.js';
import type { Restore } from './swap.js';

/** The symbol under which undici (the package and Node's bundled copy) keeps the global dispatcher. */
const GLOBAL_DISPATCHER = Symbol.for('undici.globalDispatcher.1');

type Handler = Dispatcher.DispatchHandlers;

const fail = (handler: Handler, error: Error): void => {
  handler.onError?.(error);
};

const respond = async (opts: Dispatcher.DispatchOptions, handler: Handler): Promise<void> => {
  const url = new URL(opts.path, opts.origin ?? 'http://localhost').href;
  const what = `fetch ${opts.method} ${url}`;
  const inv = requireLiveInvocation(what);
  inv.activity += 1;
  const enteredWith = [...inv.undelivered];
  const body = await bodyText(opts.body);
  requireLiveInvocation(what);
  const served = serveOn(
    inv,
    {
      surface: NODE_FETCH_SURFACE,
      method: opts.method.toUpperCase(),
      path: url,
      url,
      headers: dispatchHeaders(opts.headers),
      ...(body !== undefined ? { body } : {}),
    },
    enteredWith,
  );
  if (served === undefined || served.answer.kind === 'lost') return;
  await handOver(inv, served, `${opts.method.toUpperCase()} ${url}`);
  const answer = served.answer;
  if (answer.kind === 'network-error') {
    // undici's fetch wraps a dispatch error into TypeError('fetch failed') with this as the cause.
    fail(handler, networkError('connection failed (planned by forge-retry-harness)').cause as Error);
    return;
  }
  let aborted = false;
  handler.onConnect?.(() => {
    aborted = true;
  });
  if (aborted) return;
  const raw: Buffer[] = [];
  for (const [name, value] of Object.entries(answer.headers)) raw.push(Buffer.from(name), Buffer.from(value));
  handler.onHeaders?.(answer.status, raw, () => undefined, '');
  if (aborted) return;
  if (answer.body !== '') handler.onData?.(Buffer.from(answer.body));
  if (!aborted) handler.onComplete?.([]);
};

/** A dispatcher that answers every request from the active simulation. */
export class SimulatedDispatcher extends Dispatcher {
  override dispatch(opts: Dispatcher.DispatchOptions, handler: Handler): boolean {
    respond(opts, handler).catch((error: unknown) => fail(handler, error instanceof Error ? error : new Error(thrownMessage(error))));
    return true;
  }

  override close(): Promise<void>;
  override close(callback: () => void): void;
  override close(callback?: () => void): Promise<void> | void {
    if (callback === undefined) return Promise.resolve();
    callback();
  }

  override destroy(): Promise<void>;
  override destroy(err: Error | null): Promise<void>;
  override destroy(callback: () => void): void;
  override destroy(err: Error | null, callback: () => void): void;
  override destroy(a?: Error | null | (() => void), b?: () => void): Promise<void> | void {
    const callback = typeof a === 'function' ? a : b;
    if (callback === undefined) return Promise.resolve();
    callback();
  }
}

/**
 * Makes Node's fetch answer from the simulation; returns how to put the previous dispatcher back.
 * Importing the undici package already defines the global dispatcher (non-configurable, writable), so
 * there is always a previous value to restore.
 *
 * @example
 * const restore = installDispatcher();
 * try { await api.fetch('https://example.com') } finally { restore(); }
 */
export const installDispatcher = (): Restore => {
  const dispatcher = new SimulatedDispatcher();
  const restores = realmsOfFetch().map((holder) => {
    const present = Object.prototype.hasOwnProperty.call(holder, GLOBAL_DISPATCHER);
    const before = holder[GLOBAL_DISPATCHER];
    if (holder === globalThis) setGlobalDispatcher(dispatcher);
    else Object.defineProperty(holder, GLOBAL_DISPATCHER, { value: dispatcher, writable: true, enumerable: false, configurable: true });
    return () => {
      if (present) holder[GLOBAL_DISPATCHER] = before;
      else Reflect.deleteProperty(holder, GLOBAL_DISPATCHER);
    };
  });
  return () => {
    for (const restore of restores.reverse()) restore();
  };
};

/**
 * The globals whose dispatcher Node's fetch may read: ours, and, when the harness runs inside a vm
 * context (Jest's node environment), the realm Node's `fetch` was created in, which is where it looks.
 * A function's `constructor` is the Function of its own realm, so it can name that realm's globalThis.
 */
const realmsOfFetch = (): Record<symbol, unknown>[] => {
  const own = globalThis as unknown as Record<symbol, unknown>;
  try {
    const fetchRealm = (globalThis.fetch as unknown as { constructor: FunctionConstructor }).constructor('return globalThis')() as Record<symbol, unknown>;
    return fetchRealm === own || fetchRealm === undefined ? [own] : [own, fetchRealm];
  } catch {
    return [own];
  }
};
