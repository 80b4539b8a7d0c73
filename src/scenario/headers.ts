/**
 * Rate-limit headers as Jira and Confluence Cloud send them (FORGE_FACTS.md "Upstream rate limiting"):
 * Retry-After in whole seconds or as an HTTP-date (RFC 9110), sometimes missing or malformed, with
 * X-RateLimit-Reset, RateLimit-Reason, X-RateLimit-Limit/Remaining/NearLimit and, on non-429
 * responses during the beta, Beta-Retry-After.
 */
import fc from 'fast-check';
import { VIRTUAL_EPOCH } from '../../models/time.js';

/** The RateLimit-Reason values Jira documents. */
export const RATE_LIMIT_REASONS = [
  'jira-quota-global-based',
  'jira-quota-tenant-based',
  'jira-burst-based',
  'jira-per-issue-on-write',
] as const;

/** An IMF-fixdate (`Wed, 01 Jan 2025 00:02:00 GMT`) for virtual epoch milliseconds. */
export const httpDate = (epochMs: number): string => new Date(epochMs).toUTCString();

/** Whole seconds, biased to the values that break handlers: 0, 1, the 900 cap and just past it, Atlassian's examples. */
const deltaSeconds = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(0, 1, 2, 5, 30, 50, 120, 899, 900, 901, 1847, 3600) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 3600 }) },
);

/** A Retry-After value: delta-seconds, an HTTP-date in the past or future of the simulation, or garbage. */
export const retryAfterValue = (): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 6, arbitrary: deltaSeconds.map(String) },
    { weight: 2, arbitrary: fc.integer({ min: -600, max: 7200 }).map((s) => httpDate(VIRTUAL_EPOCH + s * 1000)) },
    { weight: 1, arbitrary: fc.constantFrom('soon', '12.5', '-5', '1e3', '120 seconds', 'Wed, 32 Foo 2025 99:00:00 GMT', '  30  ') },
  );

/** Headers of a 429 from a product API. */
export const rateLimitHeaders = (): fc.Arbitrary<Record<string, string>> =>
  fc
    .record(
      {
        'Retry-After': retryAfterValue(),
        'X-RateLimit-Reset': fc.integer({ min: 1, max: 3600 }).map((s) => new Date(VIRTUAL_EPOCH + s * 1000).toISOString()),
        'RateLimit-Reason': fc.constantFrom(...RATE_LIMIT_REASONS),
        'X-RateLimit-Limit': fc.constantFrom('100', '350', '1000'),
        'X-RateLimit-Remaining': fc.constant('0'),
        'X-RateLimit-NearLimit': fc.constant('true'),
      },
      { requiredKeys: ['RateLimit-Reason'] },
    )
    .map(dropUndefined);

/** Headers of a transient 5xx: sometimes a Retry-After, sometimes the informational Beta-Retry-After. */
export const serverErrorHeaders = (): fc.Arbitrary<Record<string, string>> =>
  fc
    .record({ 'Retry-After': retryAfterValue(), 'Beta-Retry-After': deltaSeconds.map(String) }, { requiredKeys: [] })
    .map(dropUndefined);

const dropUndefined = (headers: Partial<Record<string, string>>): Record<string, string> =>
  Object.fromEntries(Object.entries(headers).filter((e): e is [string, string] => e[1] !== undefined));
