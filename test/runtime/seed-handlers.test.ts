import { describe, expect, it } from 'vitest';
import { onIssueCreated, run } from '../fixtures/seed-handlers.js';
import { driveProduct, scenario } from './helpers.js';

const rateLimited = (retryAfter: string) => scenario([{ responses: [{ kind: 'status', status: 429, headers: { 'Retry-After': retryAfter } }] }]);

describe('seed example 1 (requesting a retry)', () => {
  it('returns an InvocationError whose retryAfter is the parseInt of Retry-After, and is retried then', async () => {
    const trace = await driveProduct(run, { scenario: rateLimited('30') });
    const [first, second] = trace.deliveries;
    expect(first?.requests[0]).toMatchObject({ surface: 'jira', method: 'GET', path: '/rest/api/3/user/search?query=john', response: { status: 429, headers: { 'retry-after': '30' } } });
    expect(first?.outcome).toEqual({
      kind: 'app-retry',
      request: { retryAfter: 30, retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED', retryData: { userName: 'john' }, hasRetryData: true },
    });
    expect(second).toMatchObject({ kind: 'app-retry', startedAt: first!.endedAt + 30_000, retryContext: { retryCount: 1, retryData: { userName: 'john' } } });
    expect(second?.outcome.kind).toBe('success');
    expect(trace.end.kind).toBe('completed');
  });

  it('turns an HTTP-date Retry-After into retryAfter NaN (the seed parses it with parseInt)', async () => {
    const trace = await driveProduct(run, { scenario: rateLimited('Wed, 01 Jan 2025 00:10:00 GMT') });
    const outcome = trace.deliveries[0]?.outcome;
    expect(outcome?.kind).toBe('app-retry');
    expect(outcome?.kind === 'app-retry' && Number.isNaN(outcome.request.retryAfter)).toBe(true);
  });

  it('completes on the first delivery when Jira answers', async () => {
    const trace = await driveProduct(run);
    expect(trace.deliveries).toHaveLength(1);
    expect(trace.deliveries[0]?.requests[0]?.response).toMatchObject({ kind: 'http', status: 200 });
  });
});

describe('seed example 2 (handling a retry)', () => {
  it('completes without requests and sees retryContext only on redeliveries', async () => {
    const trace = await driveProduct(onIssueCreated, { scenario: scenario([], true) });
    expect(trace.deliveries.map((d) => d.outcome.kind)).toEqual(['success', 'success']);
    expect(trace.deliveries.map((d) => d.kind)).toEqual(['first', 'duplicate']);
    expect(trace.deliveries.every((d) => d.requests.length === 0 && d.issues.length === 0)).toBe(true);
  });
});
