/**
 * How the platform calls a handler, per regime and consumer shape (docs/platform.md "How the platform calls handlers"):
 * - product events: `handler(event, context)`; the event is the payload plus `retryContext` on retries;
 * - async events, `'function'` style: `handler(asyncEvent, context)` with `{ body, queueName, jobId,
 *   eventId, retryContext }`;
 * - async events, `'resolver'` style (`@forge/resolver` `getDefinitions()`): `handler({ call: {
 *   functionKey, payload: { ...body, retryContext }, jobId }, context }, backendRuntimePayload)`.
 * The shape cannot be detected from the function (both take two arguments), so it is an option.
 * Every delivery gets a fresh deep copy, and a handler that mutates it is noted.
 */
import type { Regime } from '../../models/codes.js';
import type { RetryContext } from '../../models/delivery-types.js';
import { cutText, thrownMessage } from '../../models/render-value.js';
import type { RuntimeIssue } from '../../models/trace.js';
import { INSTALL_CONTEXT, SIMULATED_APP } from './forge-runtime.js';

/** How an async-event consumer is exported. @defaultValue 'function' */
export type ConsumerShape = 'function' | 'resolver';

/** The consumer shapes, for validating options. */
export const CONSUMER_SHAPES: readonly ConsumerShape[] = ['function', 'resolver'];

/** Any Forge event handler: `(event, context) => unknown`, sync or async, exactly as the app exports it. */
// `any`, not `unknown`: a handler typed `(event: IssueEvent) => …` must be assignable without a cast.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ForgeHandler = (event: any, context: any) => unknown;

/** What one delivery passes to the handler. */
export interface HandlerCallSpec {
  readonly regime: Regime;
  readonly payload: unknown;
  readonly retryContext?: RetryContext;
  readonly consumerShape: ConsumerShape;
  readonly functionKey: string;
  /** Queue name for async events. @defaultValue 'forge-retry-harness-queue' */
  readonly queueName?: string;
}

/**
 * A prepared call: run `invoke`, then `mutationIssue` tells whether the handler changed its event, and
 * `release` removes whatever the call installed (call it once the invocation is over, on every path).
 */
export interface PreparedCall {
  readonly invoke: () => unknown;
  readonly mutationIssue: () => RuntimeIssue | undefined;
  readonly release: () => void;
}

/** `{ _retry: true, ... }`: what InvocationError and QueueResponse.retry() return. Read without getters. */
const looksLikeRetry = (value: unknown): boolean => {
  if (value === null || typeof value !== 'object') return false;
  try {
    const d = Object.getOwnPropertyDescriptor(value, '_retry');
    return d !== undefined && 'value' in d && d.value === true;
  } catch {
    return false;
  }
};

/**
 * `@forge/resolver` 2.0.1 returns `JSON.parse(JSON.stringify(result))` of an object result
 * (`sanitizeObject`), so the value the harness receives has already lost its Dates, Maps and undefined
 * members. The retry request must be judged as the handler returned it (docs/platform.md "How the
 * platform calls handlers"): while a resolver consumer runs, `JSON.stringify` notes the last retry
 * request it is given, and the call resolves to that one when its JSON is the JSON of what came back.
 */
const beforeResolverJson = (): { readonly recover: (returned: unknown) => unknown; readonly release: () => void } => {
  const original = JSON.stringify;
  let seen: { readonly value: unknown } | undefined;
  const noting = function (this: unknown, ...args: Parameters<typeof JSON.stringify>): string {
    if (looksLikeRetry(args[0])) seen = { value: args[0] };
    return original.apply(JSON, args);
  } as typeof JSON.stringify;
  JSON.stringify = noting;
  const release = (): void => {
    if (JSON.stringify === noting) JSON.stringify = original;
  };
  const recover = (returned: unknown): unknown => {
    release();
    if (seen === undefined || !looksLikeRetry(returned)) return returned;
    try {
      return original(seen.value) === original(returned) ? seen.value : returned;
    } catch {
      return returned;
    }
  };
  return { recover, release };
};

/** The fixed job and event ids of the simulated async event (one job per run, so they never vary). */
export const SIMULATED_JOB_ID = 'forge-retry-harness-job-1';
const SIMULATED_EVENT_ID = 'forge-retry-harness-event-1';

const copy = <T>(value: T): T => (value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T));

/** How much of the event's JSON a mutation note quotes, before and after. */
const EVENT_TEXT_MAX = 200;

// The full JSON text, not a rendering: before and after are compared, then cut only for the note.
const snapshot = (value: unknown): string => {
  try {
    return JSON.stringify(value) ?? 'undefined';
  } catch (error) {
    return `[unserialisable: ${thrownMessage(error)}]`;
  }
};

const payloadObject = (payload: unknown): Record<string, unknown> =>
  payload !== null && typeof payload === 'object' && !Array.isArray(payload) ? (copy(payload) as Record<string, unknown>) : {};

const withRetry = <T extends Record<string, unknown>>(target: T, retryContext: RetryContext | undefined): T =>
  retryContext === undefined ? target : { ...target, retryContext: copy(retryContext) };

/**
 * Builds the arguments of one delivery.
 *
 * @example
 * const call = prepareCall(handler, { regime: 'product-event', payload, consumerShape: 'function', functionKey: 'run' });
 * await call.invoke();
 */
export const prepareCall = (handler: ForgeHandler, spec: HandlerCallSpec): PreparedCall => {
  const context = { installContext: INSTALL_CONTEXT };
  let event: Record<string, unknown>;
  let args: [unknown, unknown];
  const resolver = spec.regime === 'resolver-consumer' || (spec.regime === 'async-event' && spec.consumerShape === 'resolver');
  if (spec.regime === 'product-event') {
    event = withRetry(payloadObject(spec.payload), spec.retryContext);
    args = [event, context];
  } else if (!resolver) {
    event = withRetry(
      { body: copy(spec.payload), queueName: spec.queueName ?? 'forge-retry-harness-queue', jobId: SIMULATED_JOB_ID, eventId: SIMULATED_EVENT_ID },
      spec.retryContext,
    );
    args = [event, context];
  } else {
    // @forge/resolver reads { call: { functionKey, payload, jobId }, context } and a second argument
    // whose installContext / principal / license / installation it copies into the resolver context.
    event = withRetry(payloadObject(spec.payload), spec.retryContext);
    args = [
      { call: { functionKey: spec.functionKey, payload: event, jobId: SIMULATED_JOB_ID }, context: { ...context, moduleKey: spec.functionKey } },
      { installContext: INSTALL_CONTEXT, installation: { installationId: SIMULATED_APP.installationId } },
    ];
  }
  const before = snapshot(event);
  let release = (): void => undefined;
  return {
    invoke: () => {
      if (!resolver) return handler(args[0], args[1]);
      const json = beforeResolverJson();
      release = json.release;
      const result = handler(args[0], args[1]);
      return result instanceof Promise ? result.then(json.recover, (error: unknown) => (json.release(), Promise.reject(error))) : json.recover(result);
    },
    release: () => release(),
    mutationIssue: () => {
      const afterwards = snapshot(event);
      return afterwards === before
        ? undefined
        : { kind: 'event-mutated', detail: `the handler changed its event: ${cutText(before, EVENT_TEXT_MAX)} became ${cutText(afterwards, EVENT_TEXT_MAX)}` };
    },
  };
};
