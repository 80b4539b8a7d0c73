/**
 * What happens when code inside an invocation tries to reach the real world (a socket, a child
 * process, a thread) during a check: the call is refused as a network failure would be, and recorded
 * on the invocation as an `unsupported-surface` issue naming the call, which stops the check with a
 * HarnessUsageError (src/runner/usage-problems.ts). A refused call is not a finding about retry
 * semantics: the harness cannot judge what it cannot play, and a handler that reaches past the Forge
 * SDKs would behave differently on every run. Calls from outside any invocation (the test runner,
 * a `test.concurrent` neighbour) are routed by async context and pass through untouched.
 */
import { invocationStorage, type Invocation } from '../invocation.js';
import { formatMessage } from '../../messages/format.js';

/** Thrown to the handler in place of a real network call or a child process. */
export class RealNetworkCallError extends Error {
  override readonly name = 'RealNetworkCallError';
  /** Like Node's network errors, a code callers can test; no real errno fits a refusal. */
  readonly code = 'ERR_FORGE_RETRY_HARNESS_SEALED';
}

/** The kinds of escape, each with the advice the handler's author needs. */
export const ESCAPES = {
  network:
    'forge-retry-harness supports @forge/api 5.0+ (run npm i @forge/api@latest), which routes through __forge_fetch__: call api.fetch (or the global fetch) instead, or inject this client so the test can pass a stub',
  process: 'a child process or thread runs outside the simulation, with the real network and real time: inject it so the test can pass a stub',
} as const;

/** A call the seal refused. */
export interface SealedCall {
  /** The module it belongs to, e.g. `node:net`, `undici`: the issue's surface. */
  readonly surface: string;
  /** The call as the author wrote it, e.g. `net.connect`. */
  readonly call: string;
  /** Where it was going (`127.0.0.1:8080`, a URL, a command), if known. */
  readonly target?: string;
  readonly escape: keyof typeof ESCAPES;
}

const describeCall = (c: SealedCall): string => `${c.call}${c.target !== undefined ? ` to ${c.target}` : ''}`;

/**
 * Refuses the call if it comes from inside an invocation, ended or not; returns normally otherwise.
 * The call is described only when refused, so calls from outside pay nothing and cannot fail here.
 *
 * @example
 * refuseInInvocation(() => ({ surface: 'node:net', call: 'net.connect', target: '127.0.0.1:80', escape: 'network' }));
 */
export const refuseInInvocation = (describe: () => SealedCall): void => {
  const inv = invocationStorage.getStore();
  if (inv !== undefined) refuse(inv, describeSafely(describe));
};

/** A hostile argument (a Proxy, a throwing getter) must not turn the refusal into another error. */
const describeSafely = (describe: () => SealedCall): SealedCall => {
  try {
    return describe();
  } catch {
    return { surface: 'unknown', call: 'a call with unreadable arguments', escape: 'network' };
  }
};

/**
 * Records the refused call on the invocation (unless its check is over) and throws.
 *
 * @example
 * refuse(inv, { surface: 'node:dgram', call: 'dgram.Socket.send', escape: 'network' });
 */
export const refuse = (inv: Invocation, c: SealedCall): never => {
  const what = c.escape === 'network' ? 'a real network call' : 'a real child process';
  const detail = `${describeCall(c)} was refused: ${what}; ${ESCAPES[c.escape]}`;
  if (!inv.sealed) inv.issues.push({ kind: 'unsupported-surface', surface: c.surface, detail });
  throw new RealNetworkCallError(formatMessage(`${what} via ${describeCall(c)} was refused. ${ESCAPES[c.escape]}.`));
};

/**
 * The call with its target, when one is known.
 *
 * @example
 * withTarget({ surface: 'node:net', call: 'node:net.connect', escape: 'network' }, '127.0.0.1:80')
 */
export const withTarget = (c: SealedCall, target: string | undefined): SealedCall => (target === undefined ? c : { ...c, target });

/** A short, single-line rendering of a call's argument for messages. */
export const brief = (value: unknown): string => {
  const text = typeof value === 'string' ? value : value instanceof URL ? value.href : String(value);
  const line = text.replace(/\s+/g, ' ');
  return line.length > 120 ? `${line.slice(0, 120)}...` : line;
};
