/**
 * A guard against real network calls during a check. @forge/api before 5.2 (and code that calls
 * `node:http` directly) bypasses both `__forge_fetch__` and undici; rather than let such a call
 * leave the machine, `request`/`get` of `node:http` and `node:https` throw for the length of a check.
 */
import http from 'node:http';
import https from 'node:https';
import { syncBuiltinESMExports } from 'node:module';
import { formatMessage } from '../messages/format.js';
import { invocationStorage } from './invocation.js';
import { swapProperty, type Restore } from './swap.js';

/** Thrown by `node:http`/`node:https` during a check. */
export class RealNetworkCallError extends Error {
  override readonly name = 'RealNetworkCallError';
}

const refuse = (module: string, fn: string) =>
  function refusedRequest(): never {
    const inv = invocationStorage.getStore();
    const detail = `${module}.${fn} was called: a real network call. forge-retry-harness supports @forge/api 5.2+, which routes through __forge_fetch__; older copies (node-fetch) and direct node:http use are not simulated`;
    if (inv !== undefined && !inv.sealed) inv.issues.push({ kind: 'unsupported-surface', surface: module, detail });
    throw new RealNetworkCallError(formatMessage(`a real network call via ${module}.${fn} was refused. forge-retry-harness supports @forge/api 5.2+ which routes through __forge_fetch__; upgrade @forge/api or stub this call.`));
  };

/**
 * Replaces `request` and `get` of `node:http` and `node:https`; returns how to put them back.
 *
 * @example
 * const restore = guardNodeHttp();
 */
export const guardNodeHttp = (): Restore => {
  const restores: Restore[] = [];
  for (const [name, module] of [['node:http', http], ['node:https', https]] as const) {
    for (const fn of ['request', 'get'] as const) restores.push(swapProperty(module, fn, refuse(name, fn)));
  }
  // Named ESM imports of node:http see the patch only after a sync.
  syncBuiltinESMExports();
  return () => {
    for (const restore of restores.reverse()) restore();
    syncBuiltinESMExports();
  };
};
