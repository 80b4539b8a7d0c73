/**
 * The simulated `global.__forge_fetch__(descriptor, path, init)`, through which @forge/api 5.0+ (verified: 5.0.0, 5.1.0, 6.0.0, 7.0.0, 8.0.1, 8.3.0),
 * @forge/kvs and @forge/events reach every Atlassian service. It classifies the call, lets the
 * delivery's upstreams answer, and hands the handler a WHATWG `Response`, a rejection like undici's
 * `fetch failed`, or nothing at all when the invocation dies with the request in flight.
 */
import { classifyForgeFetch, principalOf } from '../upstream/classify.js';
import { simulatorOf } from '../upstream/surfaces.js';
import { networkError, toResponse, type Answer } from '../upstream/answer.js';
import { requireLiveInvocation, type Invocation } from './invocation.js';
import { realTurn } from './real-turn.js';
import { bodyText, headerRecord } from './request-parts.js';
import { maskGenerated } from './seeded-random.js';
import type { VirtualMs } from '../../models/time.js';

/**
 * A request the dying invocation never gets an answer to. A fresh promise each time: whatever the
 * abandoned handler chained on it is garbage once nothing else refers to it.
 */
const never = (): Promise<never> => new Promise<never>(() => undefined);

/**
 * Turns an answer into what the caller of `__forge_fetch__` receives.
 *
 * @example
 * await deliverAnswer({ kind: 'network-error', message: 'fetch failed' }) // rejects with TypeError
 */
export const deliverAnswer = (answer: Answer): Promise<Response> => {
  switch (answer.kind) {
    case 'http':
      return Promise.resolve(toResponse(answer));
    case 'network-error':
      return Promise.reject(networkError('connection failed (planned by forge-retry-harness)'));
    case 'lost':
      return never();
  }
};

/** Requests one invocation may make before the harness treats it as a runaway loop. */
export const RUNAWAY_REQUESTS = 200;

/** A served request: its answer, its `seq` in the delivery and how long the answer takes to arrive (virtual ms). */
export interface Served {
  readonly answer: Answer;
  readonly seq: number;
  readonly latencyMs: number;
}

/**
 * Serves a request on the invocation, turning a fixture's exception into a harness error (the
 * invocation ends and the driver rethrows it) instead of an error the handler could swallow.
 * `enteredWith` is what `inv.undelivered` held when the call came in: together with what it holds
 * now, the earlier requests this one went out alongside (recorded as `inFlight`).
 *
 * @example
 * const served = serveOn(inv, { surface: 'jira', method: 'GET', path: '/rest/api/3/myself', headers: {} }, []);
 */
export const serveOn = (inv: Invocation, req: Parameters<Invocation['upstream']['serve']>[0], enteredWith: readonly number[]): Served | undefined => {
  if (inv.upstream.requests.length >= RUNAWAY_REQUESTS) {
    // A loop of requests answered at once runs on microtasks alone and would never let virtual time
    // pass. On Forge every request takes real time, so such a loop runs into the function timeout:
    // stop answering, and the invocation is cut off there as hung.
    if (!inv.issues.some((i) => i.kind === 'hung')) {
      inv.issues.push({
        kind: 'hung',
        detail: `made ${RUNAWAY_REQUESTS} upstream requests without finishing; on Forge it would run into the function timeout`,
      });
    }
    return undefined;
  }
  const inFlight = [...new Set([...enteredWith, ...inv.undelivered])].sort((a, b) => a - b);
  const effectBody = req.body === undefined ? undefined : maskGenerated(req.body, inv.random.forms);
  const masked = effectBody !== undefined && effectBody !== req.body ? { ...req, effectBody } : req;
  try {
    const answer = inv.upstream.serve(inFlight.length > 0 ? { ...masked, inFlight } : masked);
    const seq = inv.upstream.requests.length;
    inv.undelivered.add(seq);
    inv.activity += 1;
    return { answer, seq, latencyMs: inv.upstream.requests[seq - 1]?.latencyMs ?? 0 };
  } catch (error) {
    inv.fail(error);
    return undefined;
  }
};

/**
 * Hands a served answer over after its latency in virtual time (docs/platform.md#requestlatency), or,
 * without latency, one real turn later (virtual time does not move meanwhile). A handler that awaits it
 * cannot settle first, so one that settled first did not await it: work left running (recorded by the
 * driver when the handler returns with the answer still on its way; by `noteIfReturned` when it arrives
 * after the return). And requests started together (`Promise.all`) all go out before any of their
 * answers arrives, so the trace can tell them from requests made after an answer.
 *
 * @example
 * await handOver(inv, served, 'GET /rest/api/3/myself');
 */
export const handOver = async (inv: Invocation, served: Served, what: string): Promise<void> => {
  if (served.latencyMs > 0) {
    inv.inFlight.set(served.seq, { what, due: (inv.now() + served.latencyMs) as VirtualMs });
    await inv.elapse(served.latencyMs);
    inv.inFlight.delete(served.seq);
  } else {
    await realTurn();
  }
  inv.undelivered.delete(served.seq);
  inv.noteIfReturned(what);
};

/**
 * Waits for a surface that is still loading (the SQL engine compiles its WebAssembly once per
 * process). The wait is real time, not virtual: the invocation counts as busy meanwhile, so the driver
 * neither advances the clock nor calls the handler hung.
 */
const whileLoading = async (inv: Invocation, loading: Promise<void>): Promise<void> => {
  let done = false;
  const settle = (): void => {
    done = true;
  };
  loading.then(settle, settle);
  while (!done) {
    inv.activity += 1;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  await loading;
};

/**
 * The function installed as `global.__forge_fetch__`.
 *
 * @example
 * await globalThis.__forge_fetch__({ type: 'fpp', provider: 'app', remote: 'jira' }, '/rest/api/3/myself', { method: 'GET' });
 */
export const simulatedForgeFetch = async (descriptor: unknown, path: unknown, init?: RequestInit): Promise<Response> => {
  const what = `__forge_fetch__ ${String(path)}`;
  const inv = requireLiveInvocation(what);
  inv.activity += 1;
  const enteredWith = [...inv.undelivered];
  const body = await bodyText(init?.body);
  // The body may have taken a turn to read; the invocation may have ended meanwhile.
  requireLiveInvocation(what);
  const { surface, unsupported, unsupportedFix } = classifyForgeFetch(descriptor, String(path), body);
  const loading = simulatorOf(surface).ready?.();
  if (loading !== undefined) {
    await whileLoading(inv, loading);
    requireLiveInvocation(what);
  }
  const principal = principalOf(descriptor);
  const method = (init?.method ?? 'GET').toUpperCase();
  const served = serveOn(
    inv,
    {
      surface,
      ...(unsupported !== undefined ? { unsupported } : {}),
      ...(unsupportedFix !== undefined ? { unsupportedFix } : {}),
      ...(principal !== undefined ? { principal } : {}),
      method,
      path: String(path),
      headers: headerRecord(init?.headers),
      ...(body !== undefined ? { body } : {}),
    },
    enteredWith,
  );
  if (served === undefined) return never();
  if (served.answer.kind === 'lost') return never();
  await handOver(inv, served, `${method} ${String(path)}`);
  return deliverAnswer(served.answer);
};
