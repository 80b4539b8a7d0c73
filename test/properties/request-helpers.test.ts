import { describe, expect, it } from 'vitest';
import { deadlinesOf, describeRequest, endpointOf, isAnswered, isRetryableFailure, unrecoveredFailures } from '../../properties/support/requests.js';
import { isHttpSurface, UPSTREAM_SURFACES } from '../../models/surfaces.js';
import type { RequestRecord } from '../../models/trace.js';
import {
  get,
  graphql,
  http,
  kvsGet,
  kvsSet,
  lost,
  networkError,
  post,
  queuePush,
  request,
  type RequestSpec,
  single,
  success,
  tooManyRequests,
} from '../support/trace-builder.js';

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
    expect(describeRequest(one(get('/a', lost('out-of-memory'))))).toBe('GET /a -> no response: the invocation died (out-of-memory), effect not-applied');
    expect(describeRequest(one(post('/a', lost('timeout'), { effect: 'applied' })))).toBe(
      'POST /a -> no response: the invocation died (timeout), effect applied',
    );
  });

  it('shows the headers that say when to come back, in a fixed order and with their usual spelling', () => {
    const headers = {
      'Beta-Retry-After': '7',
      'X-RateLimit-Reset': '2025-01-01T00:00:10Z',
      'Retry-After': '5',
      'RateLimit-Reason': 'jira-burst-based',
      'X-Other': 'no',
    };
    expect(describeRequest(one(get('/a', http(429, headers))))).toBe(
      'GET /a -> 429 Retry-After: 5 X-RateLimit-Reset: 2025-01-01T00:00:10Z RateLimit-Reason: jira-burst-based Beta-Retry-After: 7',
    );
  });

  it('describes storage and platform calls by the SDK call they were, not their wire path', () => {
    expect(describeRequest(one(kvsSet('k1', '{"n":1}', http(204))))).toBe('kvs set "k1" = "{\\"n\\":1}" -> 204');
    expect(describeRequest(one(kvsGet('k2', http(404))))).toBe('kvs get "k2" -> 404');
    expect(describeRequest(one(queuePush('jobs', '[{"body":{}}]', http(201))))).toBe('Queue.push jobs "[{\\"body\\":{}}]" -> 201');
    const secret = request('POST', '/api/v1/secret/delete', http(204), { surface: 'kvs', operation: { surface: 'kvs', name: 'delete-secret', key: 's' } });
    expect(describeRequest(one(secret))).toBe('kvs delete-secret "s" -> 204');
    const legacy = request('POST', '/forge/entities/graphql', http(200), { surface: 'storage', operation: { surface: 'storage', name: 'get', key: 'k' } });
    expect(describeRequest(one(legacy))).toBe('kvs get "k" -> 200');
  });

  it('describes by method and path the calls it could not read or refuses, and SQL by its statement', () => {
    const other = request('POST', '/api/v1/query', http(501), { surface: 'kvs', operation: { surface: 'kvs', name: 'other', target: '/api/v1/query' } });
    expect(describeRequest(one(other))).toBe('POST /api/v1/query -> 501');
    const sql = request('POST', '/api/v1/execute', http(200), {
      surface: 'sql',
      operation: { surface: 'sql', name: 'select', query: 'SELECT  1', params: '["a"]' },
    });
    expect(describeRequest(one(sql))).toBe('sql SELECT 1 ["a"] -> 200');
  });

  it('cuts long keys and values so that a timeline line stays readable', () => {
    const line = describeRequest(one(kvsSet('k'.repeat(60), 'v'.repeat(60), http(204))));
    expect(line).toBe(`kvs set "${'k'.repeat(36)}... = "${'v'.repeat(36)}... -> 204`);
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
    expect(deadlines.map((d) => [d.request.seq, d.covers, d.until - delivery.startedAt, d.header])).toEqual([
      [1, 'GET /a', 11_000, 'Retry-After: 10'],
      [2, 'GET /b', 20_000, 'Retry-After: 20'],
      [6, 'POST /graphql', 5_000, 'Retry-After: 5'],
    ]);
  });

  it('takes a deadline from X-RateLimit-Reset on a 429 without Retry-After, and from nothing else', () => {
    const reset = (value: string, status = 429) => get('/rest/api/3/x', http(status, { 'x-ratelimit-reset': value }), { t: 60 });
    const delivery = single({
      requests: [
        reset('2025-01-01T01:00Z'),
        reset('2025-01-01T00:30:15.5Z'),
        reset('2025-01-01T01:00Z', 503),
        reset('2025-02-30T01:00Z'),
        reset('01:00'),
        get('/rest/api/3/y', http(429, { 'retry-after': 'soon', 'x-ratelimit-reset': '2025-01-01T01:00Z' })),
      ],
      outcome: success(),
    }).deliveries[0]!;
    expect(deadlinesOf(delivery).map((d) => [d.request.seq, d.source, d.until - delivery.startedAt])).toEqual([
      [1, 'X-RateLimit-Reset', 3_600_000],
      [2, 'X-RateLimit-Reset', 1_815_500],
    ]);
  });
});

describe('Retry-After deadlines', () => {
  it('are read on every HTTP surface the handler sees statuses of', () => {
    const httpSurfaces = UPSTREAM_SURFACES.filter(isHttpSurface);
    expect([...httpSurfaces].sort()).toEqual(['bitbucket', 'confluence', 'external', 'graph', 'jira']);
    for (const surface of httpSurfaces) {
      const t = single({ requests: [request('GET', '/x', http(429, { 'retry-after': '5' }), { surface })], outcome: success() });
      expect(
        deadlinesOf(t.deliveries[0]!).map((d) => d.until - t.startedAt),
        surface,
      ).toEqual([5000]);
    }
  });

  it('are not read from a network error, which has no headers', () => {
    const t = single({ requests: [get('/rest/api/3/myself', networkError())], outcome: success() });
    expect(deadlinesOf(t.deliveries[0]!)).toEqual([]);
  });
});
