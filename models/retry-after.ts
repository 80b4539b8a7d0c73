/**
 * How the SDK and the platform turn a requested `retryAfter` into a delay.
 * - C (@forge/events InvocationError): `retryAfter <= 0` becomes `MIN_RETRY_AFTER` (1).
 * - D (async-events limits): larger than 900 s is lowered to 900. Fractions are allowed (Atlassian's
 *   own sample code uses them).
 * - U: NaN, Infinity, non-numbers and a missing value no longer say when to retry; the delay is the rule
 *   `invalidRetryAfterSeconds`.
 */
import { renderValue } from './render-value.js';
import type { PlatformRules } from './rules.js';

/** A requested retryAfter, normalised, with what was changed. */
export type NormalisedRetryAfter =
  | { readonly kind: 'as-requested'; readonly seconds: number }
  | { readonly kind: 'raised-to-minimum'; readonly seconds: number; readonly requested: number }
  | { readonly kind: 'lowered-to-maximum'; readonly seconds: number; readonly requested: number }
  | { readonly kind: 'invalid'; readonly seconds: number; readonly requested: unknown };

/**
 * Normalises a requested retryAfter as the SDK and the platform do.
 *
 * @example
 * normaliseRetryAfter(0, DEFAULT_PLATFORM_RULES) // { kind: 'raised-to-minimum', seconds: 1, requested: 0 }
 */
export const normaliseRetryAfter = (requested: unknown, rules: PlatformRules): NormalisedRetryAfter => {
  // Infinity, like NaN, passes the SDK's `<= 0` check and reaches the platform as JSON `null`.
  if (typeof requested !== 'number' || Number.isNaN(requested) || requested === Number.POSITIVE_INFINITY) {
    return { kind: 'invalid', seconds: rules.invalidRetryAfterSeconds, requested };
  }
  if (requested <= 0) return { kind: 'raised-to-minimum', seconds: rules.minRetryAfterSeconds, requested };
  if (requested > rules.maxRetryAfterSeconds) {
    return { kind: 'lowered-to-maximum', seconds: rules.maxRetryAfterSeconds, requested };
  }
  return { kind: 'as-requested', seconds: requested };
};

/** The note a report shows for a normalisation, or undefined when nothing changed. */
export const describeNormalisation = (n: NormalisedRetryAfter): string | undefined => {
  switch (n.kind) {
    case 'as-requested':
      return undefined;
    case 'raised-to-minimum':
      return `retryAfter ${n.requested} raised to ${n.seconds} s`;
    case 'lowered-to-maximum':
      return `retryAfter ${n.requested} lowered to ${n.seconds} s`;
    case 'invalid':
      return `retryAfter ${renderValue(n.requested)} is not a number of seconds; assumed ${n.seconds} s`;
  }
};
