import { describe, expect, expectTypeOf, it } from 'vitest';
import { OPERATIONS, describeOperation, effectIdentity, operationCall, sameRequestOf, type Operation } from '../../models/operations.js';
import { SURFACE_CATALOG, SURFACE_FAMILIES, UPSTREAM_SURFACES, isHttpSurface, type UpstreamSurface } from '../../models/surfaces.js';
import { VIRTUAL_EPOCH, at } from '../../models/time.js';
import { NODE_FETCH_SURFACE, classifyForgeFetch, principalOf } from '../../src/upstream/classify.js';
import { forgeServiceFailure, plannedAnswer } from '../../src/upstream/planned.js';
import type { FailureStatus } from '../../src/scenario/types.js';
import type { IncomingRequest, SimulationContext } from '../../src/upstream/simulator.js';
import { PlatformState } from '../../src/upstream/platform-state.js';
import { SqlRunState } from '../../src/upstream/sql-database.js';
import { KeyValueStore } from '../../src/upstream/store.js';
import { SURFACES, SURFACE_ENTRIES, simulatorOf, type SurfaceEntry } from '../../src/upstream/surfaces.js';

const context = (): SimulationContext => ({
  delivery: 1,
  now: () => at(VIRTUAL_EPOCH),
  store: new KeyValueStore(),
  fixture: undefined,
  fixtureState: new Map(),
  counters: { created: 0 },
  sql: new SqlRunState(),
  platform: new PlatformState(),
});

const call = (surface: UpstreamSurface, method: string, path: string, body?: unknown, extra: Partial<IncomingRequest> = {}): IncomingRequest => ({
  surface,
  method,
  path,
  headers: {},
  ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  ...extra,
});

/** A well-formed request for every surface: a new surface needs one here too. */
const SAMPLE: Record<UpstreamSurface, IncomingRequest> = {
  jira: call('jira', 'GET', '/rest/api/3/myself'),
  confluence: call('confluence', 'GET', '/wiki/api/v2/pages/1'),
  bitbucket: call('bitbucket', 'GET', '/2.0/user'),
  graph: call('graph', 'POST', '/graphql', { query: '{ me { id } }' }),
  external: call('external', 'GET', 'https://api.example.com/x', undefined, { url: 'https://api.example.com/x' }),
  kvs: call('kvs', 'POST', '/api/v1/get', { key: 'k' }),
  storage: call('storage', 'POST', '/forge/entities/graphql', {
    query: 'query forge_app_getApplicationStorageEntity { appStoredEntity(key: $key) { value } }',
    variables: { key: 'k' },
  }),
  queue: call('queue', 'POST', '/webhook/queue/publish/c/e/q', { queueName: 'q', payload: [{ body: {} }] }),
  sql: call('sql', 'POST', '/api/v1/execute', { query: 'SELECT 1' }),
  'app-events': call('app-events', 'POST', '/forge/events/v1/app-events', { events: [{ key: 'issue-synced' }] }),
  'web-trigger': call('web-trigger', 'POST', '/graphql', {
    query: 'mutation m($input: WebTriggerUrlInput!) { createWebTriggerUrl(input: $input) { url } }',
    variables: { input: { triggerKey: 'hook' } },
  }),
  unsupported: call('unsupported', 'POST', '/x', undefined, { unsupported: 'stargate path /x' }),
};

describe('the surface tables', () => {
  it('demand a line for every surface, at compile time', () => {
    expectTypeOf<keyof typeof SURFACE_CATALOG>().toEqualTypeOf<UpstreamSurface>();
    expectTypeOf<keyof typeof SURFACES>().toEqualTypeOf<UpstreamSurface>();
    // @ts-expect-error: a table without a line for every surface does not compile
    const partial: { readonly [S in UpstreamSurface]: SurfaceEntry } = { jira: SURFACES.jira };
    expect(partial).toBeDefined();
  });

  it('list the same surfaces in the same order, each with a known family', () => {
    expect(Object.keys(SURFACES)).toEqual([...UPSTREAM_SURFACES]);
    expect(SURFACE_ENTRIES.map(([surface]) => surface)).toEqual([...UPSTREAM_SURFACES]);
    for (const surface of UPSTREAM_SURFACES) expect(Object.keys(SURFACE_FAMILIES), surface).toContain(SURFACE_CATALOG[surface].family);
  });

  it('call the product, GraphQL and external surfaces HTTP, and no others', () => {
    expect(UPSTREAM_SURFACES.filter(isHttpSurface)).toEqual(['jira', 'confluence', 'bitbucket', 'graph', 'external']);
  });

  it('refuse exactly the surfaces marked not simulated, naming what was refused', () => {
    for (const surface of UPSTREAM_SURFACES) {
      const prepared = simulatorOf(surface).prepare(SAMPLE[surface], context());
      expect(prepared.unsupported !== undefined, surface).toBe(!SURFACE_CATALOG[surface].simulated);
    }
    expect(simulatorOf('unsupported').prepare(SAMPLE.unsupported, context()).unsupported).toBe('stargate path /x');
  });

  it('record an operation for storage and effect calls, on their own surface, and none for HTTP', () => {
    for (const surface of UPSTREAM_SURFACES) {
      const { operation } = simulatorOf(surface).prepare(SAMPLE[surface], context());
      const family = SURFACE_CATALOG[surface].family;
      if (family === 'storage' || family === 'effect') {
        expect(operation?.surface, surface).toBe(surface);
        expect(Object.keys(OPERATIONS[operation!.surface]), surface).toContain(operation!.name);
      } else {
        expect(operation, surface).toBeUndefined();
      }
    }
  });
});

describe('classifying __forge_fetch__ calls by the reaches in the table', () => {
  const fpp = (remote: string) => ({ type: 'fpp', provider: 'app', remote });

  it('sends each product to its own surface', () => {
    expect(classifyForgeFetch(fpp('jira'), '/rest/api/3/issue')).toEqual({ surface: 'jira' });
    expect(classifyForgeFetch(fpp('confluence'), '/wiki/api/v2/pages')).toEqual({ surface: 'confluence' });
    expect(classifyForgeFetch(fpp('bitbucket'), '/2.0/repositories')).toEqual({ surface: 'bitbucket' });
  });

  it('sends Forge services by descriptor type', () => {
    expect(classifyForgeFetch({ type: 'kvs' }, '/api/v1/get')).toEqual({ surface: 'kvs' });
    expect(classifyForgeFetch({ type: 'sql', provider: 'app', remote: 'sql' }, '/api/v1/execute')).toEqual({ surface: 'sql' });
  });

  it('sends gateway paths to GraphQL, legacy storage and Queue.push, ignoring the query string', () => {
    expect(classifyForgeFetch(fpp('stargate'), '/graphql')).toEqual({ surface: 'graph' });
    expect(classifyForgeFetch(fpp('stargate'), '/graphql/v2?x=1')).toEqual({ surface: 'graph' });
    expect(classifyForgeFetch(fpp('stargate'), '/forge/entities/graphql')).toEqual({ surface: 'storage' });
    expect(classifyForgeFetch(fpp('stargate'), '/webhook/queue/publish/a/b/c')).toEqual({ surface: 'queue' });
  });

  it('refuses other gateway paths, naming the ones that are simulated', () => {
    expect(classifyForgeFetch(fpp('stargate'), '/graphqlx')).toEqual({
      surface: 'unsupported',
      unsupported: 'stargate path /graphqlx (only /graphql, /forge/entities/graphql, Queue and appEvents.publish are simulated)',
    });
    expect(classifyForgeFetch(fpp('stargate'), '/forge/entities/graphql/more').surface).toBe('unsupported');
  });

  it('refuses unknown products and descriptors, showing the descriptor', () => {
    expect(classifyForgeFetch(fpp('compass'), '/x')).toEqual({
      surface: 'unsupported',
      unsupported: 'product call with descriptor {"type":"fpp","provider":"app","remote":"compass"}',
    });
    expect(classifyForgeFetch({ type: 'events' }, '/x')).toEqual({ surface: 'unsupported', unsupported: '__forge_fetch__ descriptor {"type":"events"}' });
    expect(classifyForgeFetch(undefined, '/x')).toEqual({ surface: 'unsupported', unsupported: '__forge_fetch__ descriptor undefined' });
  });

  it('sends web trigger URL calls to their own surface by the GraphQL field they select, and other GraphQL to graph', () => {
    const body = (query: string) => JSON.stringify({ query, variables: {} });
    expect(
      classifyForgeFetch(
        fpp('stargate'),
        '/graphql',
        body('\n mutation forge_app_createWebTriggerUrl($input: WebTriggerUrlInput!) {\n createWebTriggerUrl(input: $input) { url } }'),
      ),
    ).toEqual({ surface: 'web-trigger' });
    expect(classifyForgeFetch(fpp('stargate'), '/graphql', body('query q($appId: ID!) { webTriggerUrlsByAppContext(appId: $appId) { url } }'))).toEqual({
      surface: 'web-trigger',
    });
    expect(classifyForgeFetch(fpp('stargate'), '/graphql', body('mutation { createIssue { id } } # createWebTriggerUrl'))).toEqual({ surface: 'graph' });
    expect(classifyForgeFetch(fpp('stargate'), '/graphql', 'not json')).toEqual({ surface: 'graph' });
  });

  it('refuses the platform APIs it knows it does not simulate by name, with what to do', () => {
    const refused = (d: unknown, path: string) => {
      const c = classifyForgeFetch(d, path);
      return [c.surface, c.unsupported, c.unsupportedFix !== undefined];
    };
    expect(refused({ type: 'frc', remote: 'backend' }, '/sync')).toEqual(['unsupported', 'invokeRemote (@forge/api), which is not simulated', true]);
    expect(refused({ type: 'fcc', service: 'worker' }, '/run')).toEqual(['unsupported', 'invokeService (@forge/api), which is not simulated', true]);
    expect(refused({ type: 'tpp', provider: 'google', remote: 'google-apis' }, '/drive')).toEqual([
      'unsupported',
      'asUser().withProvider(...).fetch (external auth, @forge/api), which is not simulated',
      true,
    ]);
    expect(refused(fpp('stargate'), '/connected-data/x')).toEqual(['unsupported', 'requestConnectedData (@forge/api), which is not simulated', true]);
    expect(refused(fpp('stargate'), '/graphql/twg')).toEqual(['unsupported', 'requestTeamworkGraph (@forge/api), which is not simulated', true]);
    expect(refused(fpp('stargate'), '/app/report-accounts')).toEqual(['unsupported', 'privacy.reportPersonalData (@forge/api), which is not simulated', true]);
    expect(refused({ type: 'emails' }, '/emails')).toEqual(['unsupported', 'sendEmail (@forge/api), which is not simulated', true]);
  });

  it('reads who a call is made as: asUser and withContext, nothing for the app default', () => {
    expect(principalOf({ type: 'fpp', provider: 'user', remote: 'jira', accountId: '5b10' })).toEqual({ as: 'user', accountId: '5b10' });
    expect(principalOf({ type: 'fpp', provider: 'app', remote: 'jira', contextAri: 'ari:cloud:jira::site/2' })).toEqual({
      as: 'app',
      contextAri: 'ari:cloud:jira::site/2',
    });
    expect(principalOf({ type: 'fpp', provider: 'app', remote: 'jira' })).toBeUndefined();
    expect(principalOf({ type: 'fpp', provider: 'none', remote: 'jira' })).toBeUndefined();
  });

  it('sends Node fetch to the external surface', () => {
    expect(NODE_FETCH_SURFACE).toBe('external');
  });
});

describe('planned failures in each surface’s own error format', () => {
  const body = (surface: UpstreamSurface, status: FailureStatus): unknown => {
    const answer = plannedAnswer({ kind: 'status', status, headers: {} }, simulatorOf(surface));
    return answer?.kind === 'http' ? JSON.parse(answer.body) : answer;
  };
  const rateLimited = 'Rate limit exceeded (planned by forge-retry-harness)';

  it('answers each surface as its SDK expects', () => {
    const expected: Record<UpstreamSurface, unknown> = {
      jira: { errorMessages: [rateLimited], errors: {} },
      confluence: { errorMessages: [rateLimited], errors: {} },
      bitbucket: { errorMessages: [rateLimited], errors: {} },
      graph: { errors: [{ message: rateLimited, extensions: { statusCode: 429 } }] },
      external: { errorMessages: [rateLimited], errors: {} },
      kvs: { code: 'RATE_LIMIT_EXCEEDED', message: rateLimited },
      storage: { errors: [{ message: rateLimited, extensions: { statusCode: 429 } }] },
      queue: { message: rateLimited },
      sql: { code: 'RATE_LIMIT_EXCEEDED', message: rateLimited },
      'app-events': { errorMessages: [rateLimited], errors: {} },
      'web-trigger': { errors: [{ message: rateLimited, extensions: { statusCode: 429 } }] },
      unsupported: { errorMessages: [rateLimited], errors: {} },
    };
    for (const surface of UPSTREAM_SURFACES) expect(body(surface, 429), surface).toEqual(expected[surface]);
  });

  it('names 5xx by their status, and unknown statuses UNKNOWN_ERROR on Forge services', () => {
    expect(body('kvs', 503)).toEqual({ code: 'SERVICE_UNAVAILABLE', message: 'Upstream error 503 (planned by forge-retry-harness)' });
    expect(forgeServiceFailure(599, 'odd')).toEqual({ code: 'UNKNOWN_ERROR', message: 'odd' });
  });
});

describe('the operation catalog', () => {
  it('names only surfaces that exist', () => {
    for (const surface of Object.keys(OPERATIONS)) expect(UPSTREAM_SURFACES, surface).toContain(surface);
  });

  it('says how each call reads, or null for one shown by method and path', () => {
    const push: Operation = { surface: 'queue', name: 'push', target: 'q', value: '[]' };
    expect(operationCall(push)).toBe('Queue.push');
    expect(operationCall({ surface: 'storage', name: 'set-secret', key: 'k', value: '1' })).toBe('kvs set-secret');
    expect(operationCall({ surface: 'kvs', name: 'other', target: '/api/v1/query' })).toBeNull();
    expectTypeOf<Extract<Operation, { surface: 'queue' }>['name']>().toEqualTypeOf<'push' | 'get-stats' | 'cancel'>();
  });

  it('says which operations are effects, and what makes two of them the same effect', () => {
    expect(effectIdentity({ surface: 'kvs', name: 'set', key: 'k', value: '1' })).toBeUndefined();
    expect(effectIdentity({ surface: 'sql', name: 'select', query: 'SELECT 1' })).toBeUndefined();
    const insert = (params: string): Operation => ({ surface: 'sql', name: 'insert', query: 'INSERT INTO t VALUES (?)', params });
    expect(effectIdentity(insert('["a"]'))).toBe(effectIdentity(insert('["a"]')));
    expect(effectIdentity(insert('["a"]'))).not.toBe(effectIdentity(insert('["b"]')));
    // A transaction is the same unit of work when it writes the same keys, whatever the values.
    const transact = (target: string): Operation => ({ surface: 'kvs', name: 'transact', keys: ['count'], target });
    expect(effectIdentity(transact('set "count" = 1'))).toBe(effectIdentity(transact('set "count" = 2')));
    expect(effectIdentity({ surface: 'app-events', name: 'publish', keys: ['a'], value: '["a"]' })).toBeDefined();
  });

  it('says what makes a later call the same request: a key, a query page, a statement, or the call', () => {
    expect(sameRequestOf({ surface: 'kvs', name: 'get', key: 'k' })).toBe(' key=k');
    expect(sameRequestOf({ surface: 'kvs', name: 'query', target: 'key begins_with "a"' })).toBe(' target=key begins_with "a"');
    expect(sameRequestOf({ surface: 'sql', name: 'select', query: 'SELECT 1' })).toBe(' query=SELECT 1 params=[]');
    expect(sameRequestOf({ surface: 'kvs', name: 'batch-set', keys: ['a'], target: '["a"]' })).toBe('');
  });

  it('describes operations as the SDK call reads, SQL by its statement', () => {
    expect(describeOperation({ surface: 'kvs', name: 'transact', keys: ['a'], target: 'set "a"' })).toBe('kvs transact set "a"');
    expect(describeOperation({ surface: 'sql', name: 'insert', query: 'INSERT INTO t\n  VALUES (?)', params: '[1]' })).toBe('sql INSERT INTO t VALUES (?) [1]');
    expect(describeOperation({ surface: 'kvs', name: 'other', target: '/x' })).toBeNull();
  });
});
