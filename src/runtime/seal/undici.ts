/**
 * undici's own dispatchers. `request`, `fetch`, `stream` and `pipeline` of the undici package, and
 * Node's global `fetch` given `{ dispatcher }`, reach the network through an `Agent`, `Pool` or
 * `Client` the handler made, never through the global dispatcher the harness swaps. All three share
 * one `dispatch` (undici's DispatcherBase), refused here by name; a copy of undici other than the one
 * this package resolves is still stopped at the socket (./net.ts).
 */
import { Agent } from 'undici';
import { swapProperty, type Restore } from '../swap.js';
import { brief, refuseInInvocation, withTarget } from './refusal.js';

type Dispatch = (this: unknown, opts: { method?: unknown; origin?: unknown; path?: unknown }, handler: unknown) => boolean;

/**
 * Seals `dispatch` of undici's Agent, Pool and Client; returns how to put it back.
 *
 * @example
 * const restore = sealUndici();
 */
export const sealUndici = (): Restore[] => {
  const base = Object.getPrototypeOf(Agent.prototype) as { dispatch: Dispatch };
  const original = base.dispatch;
  const sealed: Dispatch = function sealedDispatch(this: unknown, opts, handler) {
    refuseInInvocation(() => {
      const name = (this as { constructor?: { name?: unknown } } | null)?.constructor?.name;
      const call = { surface: 'undici', call: `undici ${typeof name === 'string' ? name : 'Dispatcher'}.dispatch`, escape: 'network' } as const;
      return withTarget(call, `${String(opts.method ?? 'GET')} ${brief(new URL(String(opts.path ?? '/'), String(opts.origin ?? 'http://localhost')))}`);
    });
    return original.call(this, opts, handler);
  };
  return [swapProperty(base, 'dispatch', sealed)];
};
