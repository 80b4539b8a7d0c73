/**
 * Rate-limit headers as Jira and Confluence Cloud send them (docs/platform.md, "Jira rate-limit
 * responses and headers"): Retry-After in whole seconds or as an HTTP-date (RFC 9110), sometimes
 * missing or malformed; RateLimit-Reason, whose value says what the limit covers; X-RateLimit-Reset as
 * documented (`yyyy-MM-ddTHH:mmZ`, on the top of the UTC hour for the hourly points quota);
 * X-RateLimit-Limit/Remaining/NearLimit; the 2026 `RateLimit-Policy` and `RateLimit` fields and their
 * `Beta-` variants; and, as in the April 2026 incident, 429s carrying only X-RateLimit-Reset.
 * Beta-Retry-After is informational and comes on 5xx.
 */
import fc from 'fast-check';
import { VIRTUAL_EPOCH } from '../../models/time.js';

/** The RateLimit-Reason values Jira documents. */
export const RATE_LIMIT_REASONS = ['jira-quota-global-based', 'jira-quota-tenant-based', 'jira-burst-based', 'jira-per-issue-on-write'] as const;

/** A RateLimit-Reason value. */
export type RateLimitReason = (typeof RATE_LIMIT_REASONS)[number];

const QUOTA_REASONS = ['jira-quota-global-based', 'jira-quota-tenant-based'] as const satisfies readonly RateLimitReason[];
const SCOPED_REASONS = ['jira-burst-based', 'jira-per-issue-on-write'] as const satisfies readonly RateLimitReason[];

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

/** An IMF-fixdate (`Wed, 01 Jan 2025 00:02:00 GMT`) for virtual epoch milliseconds. */
export const httpDate = (epochMs: number): string => new Date(epochMs).toUTCString();

/**
 * An X-RateLimit-Reset value as Atlassian documents it, `yyyy-MM-ddTHH:mmZ`.
 *
 * @example
 * rateLimitReset(Date.UTC(2025, 0, 1, 1)) // '2025-01-01T01:00Z'
 */
export const rateLimitReset = (epochMs: number): string => `${new Date(epochMs).toISOString().slice(0, 16)}Z`;

/** Whole seconds, biased to the values that break handlers: 0, 1, the 900 cap and just past it, Atlassian's examples. */
const deltaSeconds = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(0, 1, 2, 5, 30, 50, 120, 899, 900, 901, 1847, 3600) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 3600 }) },
);

/** What the hourly points quota asks for: up to an hour, 2,000-3,600 s being ordinary since March 2026. */
const quotaSeconds = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom(900, 1847, 2000, 2400, 3600) },
  { weight: 1, arbitrary: fc.integer({ min: 60, max: 3600 }) },
);

/** A Retry-After value: delta-seconds, an HTTP-date in the past or future of the simulation, or garbage. */
export const retryAfterValue = (): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 6, arbitrary: deltaSeconds.map(String) },
    { weight: 2, arbitrary: fc.integer({ min: -600, max: 7200 }).map((s) => httpDate(VIRTUAL_EPOCH + s * 1000)) },
    { weight: 1, arbitrary: fc.constantFrom('soon', '12.5', '-5', '1e3', '120 seconds', 'Wed, 32 Foo 2025 99:00:00 GMT', '  30  ') },
  );

/** The 2026 structured fields, plain or with the `Beta-` prefix of the beta period. */
const policyFields = (policy: string, quota: number, windowSeconds: number, resetSeconds: fc.Arbitrary<number>): fc.Arbitrary<Record<string, string>> =>
  fc.record({ beta: fc.boolean(), remaining: fc.constantFrom(0, 0, 3), reset: resetSeconds }).map(({ beta, remaining, reset }) => {
    const prefix = beta ? 'Beta-' : '';
    return {
      [`${prefix}RateLimit-Policy`]: `"${policy}";q=${quota};w=${windowSeconds}`,
      [`${prefix}RateLimit`]: `"${policy}";r=${remaining};t=${reset}`,
    };
  });

const legacyCounters = fc.record(
  { 'X-RateLimit-Limit': fc.constantFrom('100', '350', '1000'), 'X-RateLimit-Remaining': fc.constant('0'), 'X-RateLimit-NearLimit': fc.constant('true') },
  { requiredKeys: [] },
);

/** A burst or per-issue limit, or one without (or with an unknown) reason: short waits, reset within minutes. */
const scopedLimit = (): fc.Arbitrary<Record<string, string>> =>
  fc
    .tuple(
      fc.record(
        {
          'Retry-After': retryAfterValue(),
          'X-RateLimit-Reset': fc.integer({ min: 0, max: 10 }).map((m) => rateLimitReset(VIRTUAL_EPOCH + m * MINUTE_MS)),
          'RateLimit-Reason': fc.oneof(
            { weight: 6, arbitrary: fc.constantFrom(...SCOPED_REASONS) },
            { weight: 1, arbitrary: fc.constant('jira-unlisted-reason') },
          ),
        },
        { requiredKeys: [] },
      ),
      legacyCounters,
      fc.option(policyFields('burst', 100, 1, fc.integer({ min: 0, max: 60 })), { nil: undefined }),
    )
    .map(([main, counters, policy]) => dropUndefined({ ...main, ...counters, ...policy }));

/** The hourly points quota: reset at the top of a UTC hour, Retry-After up to an hour, or none at all. */
const quotaLimit = (): fc.Arbitrary<Record<string, string>> =>
  fc
    .tuple(
      fc.record({
        'Retry-After': fc.option(fc.oneof({ weight: 3, arbitrary: quotaSeconds.map(String) }, { weight: 1, arbitrary: retryAfterValue() }), {
          nil: undefined,
        }),
        'X-RateLimit-Reset': fc.integer({ min: 1, max: 2 }).map((h) => rateLimitReset(VIRTUAL_EPOCH + h * HOUR_MS)),
        'RateLimit-Reason': fc.constantFrom(...QUOTA_REASONS),
      }),
      legacyCounters,
      fc.constantFrom('tenant-app-quota', 'global-app-quota').chain((policy) => policyFields(policy, 100100, 3600, quotaSeconds)),
    )
    .map(([main, counters, policy]) => dropUndefined({ ...main, ...counters, ...policy }));

/** A 429 as the gateway sent them in April 2026: X-RateLimit-Reset and nothing else that says when. */
const resetOnly = (): fc.Arbitrary<Record<string, string>> =>
  fc
    .record(
      {
        'X-RateLimit-Reset': fc.oneof(
          fc.integer({ min: 1, max: 2 }).map((h) => rateLimitReset(VIRTUAL_EPOCH + h * HOUR_MS)),
          fc.integer({ min: 0, max: 10 }).map((m) => rateLimitReset(VIRTUAL_EPOCH + m * MINUTE_MS)),
        ),
        'RateLimit-Reason': fc.constantFrom(...RATE_LIMIT_REASONS),
      },
      { requiredKeys: ['X-RateLimit-Reset'] },
    )
    .map(dropUndefined);

/** Headers of a 429 from a product API. */
export const rateLimitHeaders = (): fc.Arbitrary<Record<string, string>> =>
  fc.oneof({ weight: 4, arbitrary: scopedLimit() }, { weight: 3, arbitrary: quotaLimit() }, { weight: 1, arbitrary: resetOnly() });

/** Headers of a transient 5xx: sometimes a Retry-After, sometimes the informational Beta-Retry-After. */
export const serverErrorHeaders = (): fc.Arbitrary<Record<string, string>> =>
  fc.record({ 'Retry-After': retryAfterValue(), 'Beta-Retry-After': deltaSeconds.map(String) }, { requiredKeys: [] }).map(dropUndefined);

const dropUndefined = (headers: Partial<Record<string, string>>): Record<string, string> =>
  Object.fromEntries(Object.entries(headers).filter((e): e is [string, string] => e[1] !== undefined));
