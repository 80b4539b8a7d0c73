/**
 * The runtime driving Atlassian's two samples, as written: sample 1 is the example app's
 * `lookupReporter`, sample 2 the corpus's `atlassian-sample-2.ts`, whose helpers call Jira without
 * being awaited.
 */
import { describe, expect, it } from 'vitest';
import { lookupReporter } from '../../examples/forge-app/src/atlassian-sample-1.js';
import { normaliseFixture } from '../../src/upstream/fixtures.js';
import { onIssueCreated, options as sample2 } from '../handlers/buggy/atlassian-sample-2.js';
import { driveProduct, scenario } from './helpers.js';

const rateLimited = (retryAfter: string) => scenario([{ responses: [{ kind: 'status', status: 429, headers: { 'Retry-After': retryAfter } }] }]);

describe('Atlassian sample 1 (requesting a retry)', () => {
  it('returns an InvocationError whose retryAfter is the parseInt of Retry-After, and is retried then', async () => {
    const trace = await driveProduct(lookupReporter, { scenario: rateLimited('30') });
    const [first, second] = trace.deliveries;
    expect(first?.requests[0]).toMatchObject({
      surface: 'jira',
      method: 'GET',
      path: '/rest/api/3/user/search?query=john',
      response: { status: 429, headers: { 'retry-after': '30' } },
    });
    expect(first?.outcome).toEqual({
      kind: 'app-retry',
      request: { retryAfter: 30, retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED', retryData: { userName: 'john' }, hasRetryData: true },
    });
    expect(second).toMatchObject({ kind: 'app-retry', startedAt: first!.endedAt + 30_000, retryContext: { retryCount: 1, retryData: { userName: 'john' } } });
    expect(second?.outcome.kind).toBe('success');
    expect(trace.end.kind).toBe('completed');
  });

  it('turns an HTTP-date Retry-After into retryAfter NaN (the sample parses it with parseInt)', async () => {
    const trace = await driveProduct(lookupReporter, { scenario: rateLimited('Wed, 01 Jan 2025 00:10:00 GMT') });
    const outcome = trace.deliveries[0]?.outcome;
    expect(outcome?.kind).toBe('app-retry');
    expect(outcome?.kind === 'app-retry' && Number.isNaN(outcome.request.retryAfter)).toBe(true);
  });

  it('completes on the first delivery when Jira answers', async () => {
    const trace = await driveProduct(lookupReporter);
    expect(trace.deliveries).toHaveLength(1);
    expect(trace.deliveries[0]?.requests[0]?.response).toMatchObject({ kind: 'http', status: 200 });
  });
});

describe('Atlassian sample 2 (handling a retry)', () => {
  it('returns before its un-awaited helpers finish: their first request is recorded as left running, the next one is refused as late', async () => {
    // The sample's issue has no priority yet (its options' fixture), so handleEvent goes on to the PUT.
    const trace = await driveProduct(onIssueCreated, { scenario: scenario([], true), upstream: normaliseFixture(sample2.upstream)! });
    expect(trace.deliveries.map((d) => d.kind)).toEqual(['first', 'duplicate']);
    expect(trace.deliveries.map((d) => d.outcome.kind)).toEqual(['success', 'success']);
    for (const d of trace.deliveries) {
      expect(d.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /rest/api/3/issue/TEST-1?fields=priority']);
      expect(d.issues).toContainEqual({
        kind: 'late-call',
        detail: 'GET /rest/api/3/issue/TEST-1?fields=priority was still running when the handler returned (not awaited)',
      });
      expect(d.issues).toContainEqual({ kind: 'late-call', detail: `__forge_fetch__ /rest/api/3/issue/TEST-1 after delivery ${d.number} had ended` });
    }
  });

  it('ends in success when its un-awaited helper meets a 429, and reports the rejection nobody handled', async () => {
    const trace = await driveProduct(onIssueCreated, { scenario: rateLimited('30') });
    expect(trace.deliveries).toHaveLength(1);
    expect(trace.deliveries[0]?.outcome.kind).toBe('success');
    expect(trace.deliveries[0]?.issues).toContainEqual({ kind: 'unhandled-rejection', detail: 'RetryableException: read issue failed with 429' });
    expect(trace.end.kind).toBe('completed');
  });
});
