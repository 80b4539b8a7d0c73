import { describe, expect, it } from 'vitest';
import { noDuplicateEffects } from '../../properties/no-duplicate-effects.js';
import { DEFAULT_PROPERTY_SETTINGS, type PropertySettings } from '../../properties/types.js';
import type { Regime } from '../../models/codes.js';
import type { Trace } from '../../models/trace.js';
import {
  appRetry,
  graphql,
  http,
  kvsSet,
  lost,
  networkError,
  platformFault,
  post,
  put,
  queuePush,
  request,
  type RequestSpec,
  success,
  trace,
  violation,
} from '../support/trace-builder.js';

const check = (t: Trace, settings: PropertySettings = DEFAULT_PROPERTY_SETTINGS) => noDuplicateEffects.check(t, settings);
const COMMENT = '/rest/api/3/issue/PROJ-1/comment';
const BODY = '{"body":"Welcome!"}';

/** Delivery 1 makes `first` and asks for a retry; delivery 2 makes `second` and succeeds. */
const twice = (first: RequestSpec, second: RequestSpec = first, regime: Regime = 'product-event') =>
  trace({
    regime,
    deliveries: [
      { requests: [{ ...first, t: 0 }], outcome: appRetry() },
      { t: 60, requests: [{ ...second, t: 60 }], outcome: success() },
    ],
  });

describe('no-duplicate-effects: product and external calls', () => {
  it('fails the same POST applied on two deliveries, naming both', () => {
    expect(check(twice(post(COMMENT, http(201), { body: BODY })))).toEqual({
      kind: 'fail',
      delivery: 2,
      request: 1,
      message: `POST ${COMMENT} took effect twice for one event`,
      expected: 'once (first: delivery 1, request 1, t=0s)',
      received: 'again on delivery 2 (app-retry), request 1, t=60s',
      hint: 'check the upstream before creating (search for a marker you add), use an idempotent PUT, or send an Idempotency-Key',
    });
  });

  it('fails a repeat after a lost response whose effect was applied, saying the response was lost', () => {
    const t = trace({
      deliveries: [
        {
          requests: [post(COMMENT, lost('timeout'), { body: BODY, effect: 'applied' })],
          fault: { kind: 'crash-at-request', fault: 'timeout', request: 1, effect: 'applied' },
          outcome: platformFault('timeout'),
        },
        {
          t: 60,
          retryContext: { retryCount: 1, retryReason: 'FUNCTION_TIME_OUT' },
          requests: [post(COMMENT, http(201), { body: BODY, t: 60 })],
          outcome: success(),
        },
      ],
    });
    const v = violation(check(t));
    expect(v.expected).toBe('once (first: delivery 1, request 1, t=0s, response lost)');
    expect(v.received).toBe('again on delivery 2 (platform-retry), request 1, t=60s');
  });

  it('passes when the first attempt did not take effect', () => {
    expect(check(twice(post(COMMENT, lost('timeout'), { body: BODY, effect: 'not-applied' }), post(COMMENT, http(201), { body: BODY })))).toEqual({
      kind: 'pass',
    });
    expect(check(twice(post(COMMENT, http(500), { body: BODY }), post(COMMENT, http(201), { body: BODY })))).toEqual({ kind: 'pass' });
  });

  it('does not count a failed or unreachable request as an effect even if marked applied', () => {
    const failed = post(COMMENT, http(400), { body: BODY, effect: 'applied' });
    expect(check(twice(failed))).toEqual({ kind: 'pass' });
    expect(check(twice(post(COMMENT, http(399), { body: BODY })))).toMatchObject({ kind: 'fail' });
    const unreachable = post(COMMENT, networkError(), { body: BODY, effect: 'applied' });
    expect(check(twice(unreachable))).toEqual({ kind: 'pass' });
  });

  it('fails a duplicate within one delivery too', () => {
    const t = trace({ deliveries: [{ requests: [post(COMMENT, http(201), { body: BODY }), post(COMMENT, http(201), { body: BODY })], outcome: success() }] });
    expect(violation(check(t))).toMatchObject({ delivery: 1, request: 2, received: 'again on delivery 1 (first), request 2, t=0s' });
  });

  it('passes POSTs that differ in body or path', () => {
    expect(check(twice(post(COMMENT, http(201), { body: BODY }), post(COMMENT, http(201), { body: '{"body":"Hi"}' })))).toEqual({ kind: 'pass' });
    expect(check(twice(post(COMMENT, http(201), { body: BODY }), post('/rest/api/3/issue/PROJ-2/comment', http(201), { body: BODY })))).toEqual({
      kind: 'pass',
    });
  });

  it('passes a POST that carries an Idempotency-Key', () => {
    const keyed = post(COMMENT, http(201), { body: BODY, requestHeaders: { 'idempotency-key': 'evt-1' } });
    expect(check(twice(keyed))).toEqual({ kind: 'pass' });
  });

  it.each([
    '/rest/api/3/search/jql',
    '/rest/api/3/search/jql?fields=summary',
    '/rest/api/2/search',
    '/rest/api/3/search/approximate-count',
    '/rest/api/3/issue/bulkfetch',
    '/rest/api/3/jql/parse',
    '/rest/api/2/jql/match',
    '/rest/api/3/jql/sanitize',
    '/rest/api/3/expression/eval',
    '/rest/api/3/expression/evaluate',
    '/rest/api/3/expression/analyse',
    '/rest/api/3/permissions/check',
    '/rest/agile/1.0/board/12/issue',
    '/wiki/rest/api/search',
  ])('passes a read-only POST to %s twice', (path) => {
    expect(check(twice(post(path, http(200), { body: '{"jql":"project = PROJ"}' })))).toEqual({ kind: 'pass' });
  });

  it.each(['/rest/api/3/search/jql/extra', '/x/rest/api/3/search', '/rest/api/4/search', '/rest/api/3/searchx', '/rest/agile/1.0/board/x/issue'])(
    'does not treat %s, which merely resembles a read-only path, as read-only',
    (path) => {
      expect(check(twice(post(path, http(200))))).toMatchObject({ kind: 'fail' });
    },
  );

  it('passes PUT, GET and DELETE twice', () => {
    expect(check(twice(put('/rest/api/3/issue/PROJ-1', http(204), { body: '{"fields":{}}' })))).toEqual({ kind: 'pass' });
    expect(check(twice(request('GET', '/rest/api/3/issue/PROJ-1', http(200))))).toEqual({ kind: 'pass' });
    expect(check(twice(request('DELETE', '/rest/api/3/issue/PROJ-1', http(204))))).toEqual({ kind: 'pass' });
  });

  it('judges external services and Bitbucket by method too', () => {
    expect(violation(check(twice(post('https://hooks.example.com/notify', http(200), { body: BODY })))).message).toBe(
      'POST https://hooks.example.com/notify took effect twice for one event',
    );
    expect(check(twice(post('/2.0/repositories/w/r/issues', http(201), { surface: 'bitbucket' })))).toMatchObject({ kind: 'fail' });
  });

  it('takes the non-idempotent methods and read-only paths from the settings', () => {
    const settings: PropertySettings = { ...DEFAULT_PROPERTY_SETTINGS, nonIdempotentMethods: ['POST', 'PATCH'], readOnlyPaths: [/^\/custom\/read$/] };
    expect(check(twice(request('PATCH', '/rest/api/3/issue/PROJ-1', http(204), { body: '{}' })), settings)).toMatchObject({ kind: 'fail' });
    expect(check(twice(post('/custom/read', http(200))), settings)).toEqual({ kind: 'pass' });
    expect(check(twice(post('/rest/api/3/search/jql', http(200))), settings)).toMatchObject({ kind: 'fail' });
  });
});

describe('no-duplicate-effects: platform services, judged by meaning', () => {
  it('passes the same KVS set twice, which is idempotent', () => {
    expect(check(twice(kvsSet('done:PROJ-1', 'true')))).toEqual({ kind: 'pass' });
  });

  it('fails the same Queue.push twice, a second job', () => {
    const push = queuePush('sync', '[{"body":{"issue":"PROJ-1"}}]');
    expect(check(twice(push, push, 'async-event'))).toEqual({
      kind: 'fail',
      delivery: 2,
      request: 1,
      message: 'Queue.push took effect twice for one event',
      expected: 'once (first: delivery 1, request 1, t=0s)',
      received: 'again on delivery 2 (app-retry), request 1, t=60s',
      hint: 'check the upstream before creating (search for a marker you add), use an idempotent PUT, or send an Idempotency-Key',
    });
  });

  it('passes Queue.push of different events, or to different queues', () => {
    expect(check(twice(queuePush('sync', '[{"body":1}]'), queuePush('sync', '[{"body":2}]')))).toEqual({ kind: 'pass' });
    expect(check(twice(queuePush('sync', '[{"body":1}]'), queuePush('audit', '[{"body":1}]')))).toEqual({ kind: 'pass' });
  });

  it('fails the same GraphQL mutation twice and passes the same query twice', () => {
    const mutation = 'mutation { createComment(input: { text: "hi" }) { id } }';
    expect(violation(check(twice(graphql(mutation)))).message).toBe('POST /graphql took effect twice for one event');
    expect(check(twice(graphql('query { me { id } }')))).toEqual({ kind: 'pass' });
    expect(check(twice(graphql('{ me { id } }')))).toEqual({ kind: 'pass' });
  });

  it('recognises a mutation after whitespace or a comment, but not a query merely mentioning one', () => {
    expect(check(twice(graphql('  \n mutation Add { add { id } }')))).toMatchObject({ kind: 'fail' });
    expect(check(twice(graphql('# creates\nmutation { add { id } }')))).toMatchObject({ kind: 'fail' });
    expect(check(twice(graphql('query { mutationLog { id } }')))).toEqual({ kind: 'pass' });
    expect(check(twice(graphql('mutations { x }')))).toEqual({ kind: 'pass' });
  });

  it('reads the operation from the parsed document: no comment or fragment hides a mutation', () => {
    const fails = (query: string) => expect(check(twice(graphql(query))).kind, query).toBe('fail');
    const passes = (query: string) => expect(check(twice(graphql(query))), query).toEqual({ kind: 'pass' });
    fails('# query { this is only a comment }\nmutation AddLabel { addLabel(key: "A-1") { ok } }');
    fails('fragment Parts on JiraIssue { id key }\nmutation Update { updateIssue(id: 1) { ...Parts } }');
    fails('fragment A on X { id } # a comment\n, , mutation { a { ...A } }');
    fails('mutation Note($text: String = "# not a comment {") { addNote(text: $text) { id } }');
    fails('mutation { addNote(text: """a block string with } and # and \\""" inside""") { id } }');
    passes('# mutation { addLabel }\nquery { me { id } }');
    passes('fragment M on Mutation { addLabel { ok } }\nquery Read { me { id } }');
    passes('query Q($x: In = {a: 1, b: [2]}) @cached(ttl: 5) { me { id } }');
  });

  it('judges the operation a request runs: the one operationName names, else the only one', () => {
    const document = 'query Read { me { id } } mutation Write { addLabel { ok } }';
    const body = (operationName?: string) => JSON.stringify({ query: document, ...(operationName === undefined ? {} : { operationName }) });
    const graph = (operationName?: string) => request('POST', '/graphql', http(200), { surface: 'graph', body: body(operationName) });
    expect(check(twice(graph('Write'))).kind).toBe('fail');
    expect(check(twice(graph('Read')))).toEqual({ kind: 'pass' });
    // Several operations and no operationName: a server refuses the request, so it is no effect.
    expect(check(twice(graph()))).toEqual({ kind: 'pass' });
  });

  it('passes a mutation that settings.idempotentMutations names, by operation or by every root field', () => {
    const settings = (names: string[]): PropertySettings => ({ ...DEFAULT_PROPERTY_SETTINGS, idempotentMutations: names });
    const resync = twice(graphql('mutation Resync { setSyncState(key: "A-1", state: DONE) { ok } }'));
    expect(DEFAULT_PROPERTY_SETTINGS.idempotentMutations).toEqual([]);
    expect(check(resync).kind).toBe('fail');
    expect(check(resync, settings(['Resync']))).toEqual({ kind: 'pass' });
    expect(check(resync, settings(['setSyncState']))).toEqual({ kind: 'pass' });
    expect(check(resync, settings(['setSync'])).kind).toBe('fail');
    const two = twice(graphql('mutation { a: setSyncState(key: "A-1") { ok } addComment(key: "A-1") { id } }'));
    expect(check(two, settings(['setSyncState'])).kind).toBe('fail');
    expect(check(two, settings(['a', 'addComment'])).kind).toBe('fail');
    expect(check(two, settings(['setSyncState', 'addComment']))).toEqual({ kind: 'pass' });
    const spread = twice(graphql('fragment F on Mutation { setSyncState { ok } } mutation { ...F ... on Mutation { addComment { id } } }'));
    expect(check(spread, settings(['setSyncState', 'addComment']))).toEqual({ kind: 'pass' });
    const unknownSpread = twice(graphql('mutation { ...Elsewhere }'));
    expect(check(unknownSpread, settings(['Elsewhere'])).kind).toBe('fail');
  });

  it('passes legacy storage, SQL and unsupported surfaces, and a Queue call without a push', () => {
    const storage = request('POST', '/forge/entities/graphql', http(200), {
      surface: 'storage',
      body: '{"query":"mutation { appStorage { setAppStoredEntity } }"}',
    });
    expect(check(twice(storage))).toEqual({ kind: 'pass' });
    const sql = request('POST', '/api/v1/execute', http(200), { surface: 'sql', operation: { surface: 'sql', name: 'update', query: 'UPDATE t SET a = 1' } });
    expect(check(twice(sql))).toEqual({ kind: 'pass' });
    expect(check(twice(post('/somewhere', http(200), { surface: 'unsupported' })))).toEqual({ kind: 'pass' });
    expect(check(twice(post('/queue/sync', http(200), { surface: 'queue' })))).toEqual({ kind: 'pass' });
  });

  it('passes a GraphQL request whose body is not JSON, has no query string, or is missing', () => {
    expect(check(twice(request('POST', '/graphql', http(200), { surface: 'graph', body: '{"query":5}' })))).toEqual({ kind: 'pass' });
    expect(check(twice(request('POST', '/graphql', http(200), { surface: 'graph' })))).toEqual({ kind: 'pass' });

    const raw = request('POST', '/graphql', http(200), { surface: 'graph', body: 'mutation { x }' });
    expect(check(twice(raw))).toEqual({ kind: 'pass' });
  });
});

describe('no-duplicate-effects: what counts as the same effect', () => {
  it('judges Confluence POSTs like Jira ones', () => {
    expect(violation(check(twice(post('/wiki/api/v2/pages', http(200), { surface: 'confluence' })))).message).toBe(
      'POST /wiki/api/v2/pages took effect twice for one event',
    );
  });

  it('tells two different GraphQL mutations apart', () => {
    expect(check(twice(graphql('mutation { a { id } }'), graphql('mutation { b { id } }')))).toEqual({ kind: 'pass' });
  });

  it('does not take a query for a mutation because an argument says "mutation"', () => {
    expect(check(twice(graphql('query { search(text: "mutation") { id } }')))).toEqual({ kind: 'pass' });
  });
});

describe('no-duplicate-effects: read-only POST endpoints are matched as whole paths', () => {
  const readOnly = (path: string) => DEFAULT_PROPERTY_SETTINGS.readOnlyPaths.some((p) => p.test(path));

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
