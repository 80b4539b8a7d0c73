import { describe, expect, it } from 'vitest';
import {
  HTTP_SURFACES,
  deadlinesOf,
  describeRequest,
  endpointOf,
  isAnswered,
  isRetryableFailure,
  unrecoveredFailures,
} from '../../properties/support/requests.js';
import type { RequestRecord } from '../../models/trace.js';
import { get, graphql, http, kvsGet, kvsSet, lost, networkError, request, type RequestSpec, single, success, tooManyRequests } from '../support/trace-builder.js';

const one = (spec: RequestSpec): RequestRecord => single({ requests: [spec], outcome: success() }).deliveries[0]!.requests[0]!;

describe('request helpers', () => {
  it('calls 429, 5xx and network errors retryable failures, and nothing else', () => {
    expect(isRetryableFailure(one(get('/a', http(429))))).toBe(true);
    expect(isRetryableFailure(one(get('/a', http(500))))).toBe(true);
    expect(isRetryableFailure(one(get('/a', networkError())))).toBe(true);
    expect(isRetryableFailure(one(get('/a', http(499))))).toBe(false);
    expect(isRetryableFailure(one(get('/a', http(428))))).toBe(false);
    expect(isRetryableFailure(one(get('/a', lost())))).toBe(false);
  });

  it('counts any other HTTP answer as answered, but not a lost response', () => {
    expect(isAnswered(one(get('/a', http(404))))).toBe(true);
    expect(isAnswered(one(get('/a', http(503))))).toBe(false);
    expect(isAnswered(one(get('/a', lost())))).toBe(false);
    expect(isAnswered(one(get('/a', networkError())))).toBe(false);
  });

  it('names an endpoint by method and path, plus the key of a storage call', () => {
    expect(endpointOf(one(get('/rest/api/3/issue/A-1?x=1')))).toBe('GET /rest/api/3/issue/A-1?x=1');
    expect(endpointOf(one(kvsSet('k1', 'v')))).toBe('POST /api/v1/set key=k1');
    expect(endpointOf(one(kvsGet('k2')))).toBe('POST /api/v1/get key=k2');
  });

  it('describes responses the way reports show them', () => {
    expect(describeRequest(one(get('/a', tooManyRequests('120'))))).toBe('GET /a -> 429 Retry-After: 120');
    expect(describeRequest(one(get('/a', http(503))))).toBe('GET /a -> 503');
    expect(describeRequest(one(get('/a', networkError('ECONNRESET'))))).toBe('GET /a -> network error (ECONNRESET)');
    expect(describeRequest(one(get('/a', lost('out-of-memory'))))).toBe('GET /a -> no response (out-of-memory)');
  });

  it('finds unrecovered failures in order', () => {
    const delivery = single({
      requests: [get('/a', http(503)), get('/b', http(429), { t: 1 }), get('/a', http(200), { t: 2 }), get('/c', networkError(), { t: 3 })],
      outcome: success(),
    }).deliveries[0]!;
    expect(unrecoveredFailures(delivery).map((r) => r.seq)).toEqual([2, 4]);
  });

  it('takes deadlines from 429s and 5xx with a valid Retry-After on HTTP surfaces only', () => {
    const delivery = single({
      requests: [
        get('/a', tooManyRequests('10'), { t: 1 }),
        get('/b', http(503, { 'retry-after': '20' })),
        get('/c', http(400, { 'retry-after': '20' })),
        get('/d', tooManyRequests('later')),
        kvsGet('k', tooManyRequests('30')),
        graphql('{ me { id } }', tooManyRequests('5')),
      ],
      outcome: success(),
    }).deliveries[0]!;
    const deadlines = deadlinesOf(delivery);
    expect(deadlines.map((d) => [d.request.seq, d.endpoint, d.until - delivery.startedAt, d.retryAfter])).toEqual([
      [1, 'GET /a', 11_000, '10'],
      [2, 'GET /b', 20_000, '20'],
      [6, 'POST /graphql', 5_000, '5'],
    ]);
  });
});

describe('Retry-After deadlines', () => {
  it('are read on every HTTP surface the handler sees statuses of', () => {
    expect([...HTTP_SURFACES].sort()).toEqual(['bitbucket', 'confluence', 'external', 'graph', 'jira']);
    for (const surface of HTTP_SURFACES) {
      const t = single({ requests: [request('GET', '/x', http(429, { 'retry-after': '5' }), { surface })], outcome: success() });
      expect(deadlinesOf(t.deliveries[0]!).map((d) => d.until - t.startedAt), surface).toEqual([5000]);
    }
  });

  it('are not read from a network error, which has no headers', () => {
    const t = single({ requests: [get('/rest/api/3/myself', networkError())], outcome: success() });
    expect(deadlinesOf(t.deliveries[0]!)).toEqual([]);
  });
});
