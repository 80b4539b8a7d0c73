/**
 * Behaviour of the properties that mutation testing (`npm run mutation`) found unpinned: which requests
 * count, which regimes each property judges, which hints a report gives, and where the read-only paths
 * and Retry-After dates end.
 */
import { describe, expect, it } from 'vitest';
import { PROPERTIES } from '../../properties/catalog.js';
import { boundedInvocation } from '../../properties/bounded-invocation.js';
import { noDuplicateEffects } from '../../properties/no-duplicate-effects.js';
import { retryAfterValid } from '../../properties/retry-after-valid.js';
import { retryDataRoundTrips } from '../../properties/retry-data-round-trips.js';
import { survivesEveryDelivery } from '../../properties/survives-every-delivery.js';
import { parseRetryAfter } from '../../properties/support/retry-after-header.js';
import { deadlinesOf } from '../../properties/support/requests.js';
import { isHttpSurface, UPSTREAM_SURFACES } from '../../models/surfaces.js';
import { DEFAULT_PROPERTY_SETTINGS } from '../../properties/types.js';
import type { Regime } from '../../models/codes.js';
import {
  appRetry,
  get,
  graphql,
  http,
  networkError,
  platformFault,
  post,
  request,
  type RequestSpec,
  single,
  success,
  thrown,
  trace,
  violation,
} from '../support/trace-builder.js';

const S = DEFAULT_PROPERTY_SETTINGS;

/** Delivery 1 makes `first` and asks for a retry; delivery 2 makes `second` and succeeds. */
const twice = (first: RequestSpec, second: RequestSpec = first, regime: Regime = 'product-event') =>
  trace({
    regime,
    deliveries: [
      { requests: [{ ...first, t: 0 }], outcome: appRetry() },
      { t: 60, requests: [{ ...second, t: 60 }], outcome: success() },
    ],
  });

describe('the catalog', () => {
  it('judges product events with every property, and async events with all but respects-retry-cap', () => {
    for (const p of PROPERTIES) {
      expect(p.regimes, p.id).toEqual(p.id === 'respects-retry-cap' ? ['product-event'] : ['product-event', 'async-event']);
    }
  });
});

describe('no-duplicate-effects: what counts as the same effect', () => {
  const check = (t: ReturnType<typeof twice>) => noDuplicateEffects.check(t, S);

  it('judges Confluence POSTs like Jira ones', () => {
    expect(violation(check(twice(post('/wiki/api/v2/pages', http(200), { surface: 'confluence' })))).message)
      .toBe('POST /wiki/api/v2/pages took effect twice for one event');
  });

  it('tells two different GraphQL mutations apart', () => {
    expect(check(twice(graphql('mutation { a { id } }'), graphql('mutation { b { id } }')))).toEqual({ kind: 'pass' });
  });

  it('does not take a query for a mutation because an argument says "mutation"', () => {
    expect(check(twice(graphql('query { search(text: "mutation") { id } }')))).toEqual({ kind: 'pass' });
  });
});

describe('bounded-invocation: which failures it owns', () => {
  const check = (t: ReturnType<typeof single>) => boundedInvocation.check(t, S);

  it('quotes the hung issue when a timeout came with other issues too', () => {
    const t = single({
      t: 0,
      end: 25,
      outcome: platformFault('timeout'),
      issues: [
        { kind: 'unhandled-rejection', detail: 'Error: later' },
        { kind: 'hung', detail: 'the handler neither settled nor waited on a timer; cut off at the 25 s timeout' },
      ],
    });
    expect(violation(check(t)).received).toBe('the handler neither settled nor waited on a timer; cut off at the 25 s timeout');
  });

  it('leaves an early request after a 5xx with Retry-After to honours-retry-after', () => {
    const ISSUE = '/rest/api/3/issue/PROJ-1';
    const t = single({ requests: [get(ISSUE, http(503, { 'retry-after': '30' }), { t: 0 }), get(ISSUE, http(200), { t: 1 })], outcome: success() });
    expect(check(t)).toEqual({ kind: 'pass' });
  });
});

describe('retry-after-valid: hints', () => {
  it('a string above the maximum gets the parsing hint, not the cap hint', () => {
    const t = single({ outcome: appRetry({ retryAfter: '1000', retryReason: 'FUNCTION_RETRY_REQUEST' }) });
    expect(violation(retryAfterValid.check(t, S)).hint).toMatch(/^parse Retry-After as delta-seconds or an HTTP-date/);
  });
});

describe('retry-data-round-trips: losses JSON makes silently', () => {
  const check = (retryData: unknown) => retryDataRoundTrips.check(single({ outcome: appRetry({ retryAfter: 1, retryReason: 'FUNCTION_RETRY_REQUEST', retryData }) }), S);

  it('fails a hole in an array, which arrives as null', () => {
    expect(violation(check({ done: [, 'PROJ-2'] })).received).toBe('$.done[0]: a hole (arrives as null)');
  });

  it('fails a symbol-keyed member, which vanishes', () => {
    expect(violation(check({ [Symbol('cursor')]: 5, page: 2 })).received).toBe('$[Symbol(cursor)]: a symbol-keyed member (vanishes)');
  });

  it('fails a class instance with toJSON, naming what arrives rather than its fields', () => {
    class Money {
      cents = 100;
      detail = undefined;
      toJSON(): string {
        return '1.00';
      }
    }
    expect(violation(check({ price: new Money() })).received).toBe('$.price: an object with toJSON (arrives as what toJSON returns)');
  });

  it('lists every reason retryData cannot be sent, separated by semicolons', () => {
    expect(violation(check({ a: 1n, b: 2n })).received).toBe('$.a: a BigInt (JSON.stringify throws); $.b: a BigInt (JSON.stringify throws)');
  });
});

describe('survives-every-delivery: the network-error excuse for async events', () => {
  const check = (error: unknown, requests: RequestSpec[]) =>
    survivesEveryDelivery.check(single({ requests, outcome: thrown(error) }, { regime: 'async-event' }), S);
  const fetchFailed = new TypeError('fetch failed');

  it('excuses fetch failed when any request of the delivery met a network error', () => {
    expect(check(fetchFailed, [get('/rest/api/3/myself', http(200)), get('https://crm.example.com/x', networkError())])).toEqual({ kind: 'pass' });
  });

  it('does not excuse a RangeError whose message happens to be fetch failed', () => {
    expect(check(new RangeError('fetch failed'), [get('https://crm.example.com/x', networkError())])).toMatchObject({ kind: 'fail' });
  });
});

describe('Retry-After deadlines', () => {
  it('are read on every HTTP surface the handler sees statuses of', () => {
    const httpSurfaces = UPSTREAM_SURFACES.filter(isHttpSurface);
    expect([...httpSurfaces].sort()).toEqual(['bitbucket', 'confluence', 'external', 'graph', 'jira']);
    for (const surface of httpSurfaces) {
      const t = single({ requests: [request('GET', '/x', http(429, { 'retry-after': '5' }), { surface })], outcome: success() });
      expect(deadlinesOf(t.deliveries[0]!).map((d) => d.until - t.startedAt), surface).toEqual([5000]);
    }
  });

  it('are not read from a network error, which has no headers', () => {
    const t = single({ requests: [get('/rest/api/3/myself', networkError())], outcome: success() });
    expect(deadlinesOf(t.deliveries[0]!)).toEqual([]);
  });

  it('come only from a whole IMF-fixdate, with nothing before or after it', () => {
    const date = 'Sun, 06 Nov 1994 08:49:37 GMT';
    expect(parseRetryAfter(`x${date}`)).toEqual({ kind: 'malformed', raw: `x${date}` });
    expect(parseRetryAfter(`${date}x`)).toEqual({ kind: 'malformed', raw: `${date}x` });
  });
});

describe('read-only POST endpoints are matched as whole paths', () => {
  const readOnly = (path: string) => S.readOnlyPaths.some((p) => p.test(path));

  it.each([
    '/rest/api/3/search',
    '/rest/api/2/search/jql',
    '/rest/api/3/issue/bulkfetch',
    '/rest/api/3/jql/parse',
    '/rest/api/3/expression/eval',
    '/rest/api/3/permissions/check',
    '/rest/agile/1.0/board/12/issue',
    '/wiki/rest/api/search',
  ])('%s is read-only, but not with a prefix or a suffix', (path) => {
    expect(readOnly(path)).toBe(true);
    expect(readOnly(`/proxy${path}`)).toBe(false);
    expect(readOnly(`${path}/delete`)).toBe(false);
  });
});
