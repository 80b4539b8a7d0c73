/**
 * What one delivery came to, classified from whatever the handler returned or threw, or from the fault
 * the platform injected. Source: docs/platform.md "The InvocationError shape and the retry codes": `new InvocationError()` returns
 * the plain object `{ _retry: true, retryOptions }`, so a retry request is recognised by shape, never by
 * class; `QueueResponse.retry()` leaves the legacy `{ _retry: true }` without retryOptions.
 */
import type { PlatformFault } from './codes.js';

/** The retry options of a request, exactly as the handler gave them (not yet normalised). */
export interface RequestedRetry {
  readonly retryAfter: unknown;
  readonly retryReason: unknown;
  readonly retryData: unknown;
  /** Whether `retryData` was present as an own key. */
  readonly hasRetryData: boolean;
}

/** The outcome of one delivery. */
export type Outcome =
  /** The handler returned (or resolved to) anything that is not a retry request. */
  | { readonly kind: 'success'; readonly value: unknown }
  /** The handler returned `new InvocationError(...)` (shape `{ _retry: true, retryOptions }`). */
  | { readonly kind: 'app-retry'; readonly request: RequestedRetry }
  /** The handler returned the legacy `{ _retry: true }` (e.g. `QueueResponse.retry()`). */
  | { readonly kind: 'legacy-retry' }
  /** The handler threw or rejected. */
  | { readonly kind: 'thrown'; readonly error: unknown }
  /** The platform ended or refused the invocation. */
  | { readonly kind: 'platform-fault'; readonly fault: PlatformFault };

/** An outcome's kind. */
export type OutcomeKind = Outcome['kind'];

const readOwn = (value: object, key: string): { present: boolean; value: unknown } => {
  const descriptor = Object.getOwnPropertyDescriptor(value, key);
  if (descriptor === undefined) return { present: false, value: undefined };
  return { present: true, value: 'value' in descriptor ? descriptor.value : undefined };
};

/**
 * Classifies a handler's return value. Never throws: a hostile value (a Proxy whose traps throw, a
 * getter that throws) is read through property descriptors and, failing that, counts as success with
 * the value as it is, because the platform would serialise it and find no retry request.
 *
 * @example
 * classifyReturn({ _retry: true, retryOptions: { retryAfter: 5 } }).kind // 'app-retry'
 */
export const classifyReturn = (value: unknown): Outcome => {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) {
    return { kind: 'success', value };
  }
  try {
    const retry = readOwn(value, '_retry');
    if (!retry.present || retry.value !== true) return { kind: 'success', value };
    const options = readOwn(value, 'retryOptions');
    if (!options.present || options.value === undefined) return { kind: 'legacy-retry' };
    const opts = options.value;
    if (opts === null || typeof opts !== 'object') {
      return { kind: 'app-retry', request: { retryAfter: undefined, retryReason: undefined, retryData: undefined, hasRetryData: false } };
    }
    const retryData = readOwn(opts, 'retryData');
    return {
      kind: 'app-retry',
      request: {
        retryAfter: readOwn(opts, 'retryAfter').value,
        retryReason: readOwn(opts, 'retryReason').value,
        retryData: retryData.value,
        hasRetryData: retryData.present && retryData.value !== undefined,
      },
    };
  } catch {
    return { kind: 'success', value };
  }
};
