import { Filter, FilterConditions, Sort, WhereConditions, kvs } from '@forge/kvs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asApp, route } from '@forge/api';
import { InvocationError, InvocationErrorCode, Queue } from '@forge/events';
import { GlobalStorage } from '@forge/storage/out/global-storage.js';
import { __requestAtlassianAsApp } from '@forge/api/out/api/fetch.js';
import { describe, expect, it } from 'vitest';
import { driveProduct, scenario } from './helpers.js';

const forgeFetch = (descriptor: unknown, path: string, init: RequestInit): Promise<Response> =>
  (globalThis as unknown as { __forge_fetch__: (d: unknown, p: string, i: RequestInit) => Promise<Response> }).__forge_fetch__(descriptor, path, init);

const retryOnce = (event: { retryContext?: unknown }) =>
  event.retryContext === undefined ? new InvocationError({ retryAfter: 5, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST }) : undefined;

describe('@forge/kvs simulation', () => {
  it('answers get of a missing key with undefined (KEY_NOT_FOUND), as the package expects', async () => {
    const trace = await driveProduct(async () => kvs.get('missing'));
    expect(trace.deliveries[0]?.outcome).toEqual({ kind: 'success', value: undefined });
    expect(trace.deliveries[0]?.requests[0]).toMatchObject({
      surface: 'kvs',
      operation: { surface: 'kvs', name: 'get', key: 'missing' },
      response: { status: 404 },
    });
  });

  it('round-trips set, get and delete through the real package', async () => {
    const trace = await driveProduct(async () => {
      await kvs.set('k', { n: 1 });
      const read = await kvs.get('k');
      await kvs.delete('k');
      return { read, after: (await kvs.get('k')) ?? null };
    });
    expect(trace.deliveries[0]?.outcome).toEqual({ kind: 'success', value: { read: { n: 1 }, after: null } });
    expect(trace.deliveries[0]?.requests.map((r) => [r.operation?.name, r.effect])).toEqual([
      ['set', 'applied'],
      ['get', 'not-applied'],
      ['delete', 'applied'],
      ['get', 'not-applied'],
    ]);
  });

  it('keeps secrets apart and supports set options (FAIL_IF_EXISTS answers 409 KEY_CONFLICT, returnValue)', async () => {
    const trace = await driveProduct(async () => {
      await kvs.setSecret('s', 'secret');
      await kvs.set('k', 1, { keyPolicy: 'FAIL_IF_EXISTS' });
      const second = await kvs.set('k', 2, { keyPolicy: 'FAIL_IF_EXISTS' }).then(
        () => 'ok',
        (e: { code?: string; responseDetails?: { status: number } }) => `${e.responseDetails?.status} ${e.code}`,
      );
      const previous = await kvs.set('k', 3, { keyPolicy: 'OVERRIDE', returnValue: 'PREVIOUS' });
      return { secret: await kvs.getSecret('s'), plain: (await kvs.get('s')) ?? null, second, previous: previous?.value };
    });
    expect(trace.deliveries[0]?.outcome).toEqual({ kind: 'success', value: { secret: 'secret', plain: null, second: '409 KEY_CONFLICT', previous: 1 } });
  });

  it('persists the store across the deliveries of one event', async () => {
    const trace = await driveProduct(async (event: { retryContext?: unknown }) => {
      if (event.retryContext === undefined) {
        await kvs.set('progress', 'half');
        return retryOnce(event);
      }
      return kvs.get('progress');
    });
    expect(trace.deliveries.map((d) => d.outcome)).toMatchObject([{ kind: 'app-retry' }, { kind: 'success', value: 'half' }]);
  });

  it('starts every run with an empty store', async () => {
    const handler = async () => {
      const seen = (await kvs.get('run-marker')) ?? 'empty';
      await kvs.set('run-marker', 'set');
      return seen;
    };
    for (let i = 0; i < 2; i++) {
      const trace = await driveProduct(handler);
      expect(trace.deliveries[0]?.outcome).toEqual({ kind: 'success', value: 'empty' });
    }
  });

  it("surfaces a planned 429 as the package's own ForgeKvsAPIError, without Jira's rate-limit headers", async () => {
    const trace = await driveProduct(
      async () => {
        try {
          await kvs.set('k', 1);
          return 'no error';
        } catch (e) {
          return {
            name: (e as Error).name,
            code: (e as { code?: string }).code,
            status: (e as { responseDetails?: { status: number } }).responseDetails?.status,
          };
        }
      },
      { scenario: scenario([{ storage: [{ kind: 'status', status: 429, headers: { 'Retry-After': '2' } }] }]) },
    );
    expect(trace.deliveries[0]?.outcome).toEqual({ kind: 'success', value: { name: 'ForgeKvsError', code: 'RATE_LIMIT_EXCEEDED', status: 429 } });
    expect(trace.deliveries[0]?.requests[0]).toMatchObject({ effect: 'not-applied', source: 'plan', response: { status: 429 } });
    expect(trace.deliveries[0]?.requests[0]?.response).toMatchObject({ headers: { 'content-type': 'application/json' } });
    expect(Object.keys((trace.deliveries[0]?.requests[0]?.response as { headers: object }).headers)).toEqual(['content-type']);
  });

  it('takes storage failures from the storage plan and product failures from the responses plan', async () => {
    const trace = await driveProduct(
      async () => {
        const jira = await asApp().requestJira(route`/rest/api/3/myself`);
        await kvs.get('k');
        return jira.status;
      },
      { scenario: scenario([{ responses: [{ kind: 'status', status: 503, headers: {} }], storage: [{ kind: 'ok' }] }]) },
    );
    expect(trace.deliveries[0]?.outcome).toEqual({ kind: 'success', value: 503 });
    expect(trace.deliveries[0]?.requests[1]?.response).toMatchObject({ status: 404 });
  });

  it('refuses kvs paths it does not know with a named error and an issue', async () => {
    const trace = await driveProduct(async () => {
      const res = await forgeFetch({ type: 'kvs', provider: 'app', remote: 'kvs' }, '/api/v2/shiny', { method: 'POST', body: '{}' });
      return ((await res.json()) as { message: string }).message;
    });
    const outcome = trace.deliveries[0]?.outcome;
    expect(outcome?.kind === 'success' && outcome.value).toMatch(/does not simulate the @forge\/kvs call \/api\/v2\/shiny/);
    expect(trace.deliveries[0]?.issues).toEqual([{ kind: 'unsupported-surface', surface: 'kvs', detail: '@forge/kvs /api/v2/shiny' }]);
  });
});

describe('kvs.query()', () => {
  const seed = async (keys: string[]) => {
    for (const key of keys) await kvs.set(key, { key });
  };

  it('pages through the keys that begin with a prefix, in key order, with a cursor while more remain', async () => {
    const trace = await driveProduct(async () => {
      await seed(['job:3', 'other', 'job:1', 'job:2', 'job:10']);
      await kvs.setSecret('job:secret', 'hidden');
      await kvs.entity('job').set('job:entity', { n: 1 });
      const pages: string[][] = [];
      let cursor: string | undefined;
      do {
        let query = kvs.query().where('key', WhereConditions.beginsWith('job:')).limit(2);
        if (cursor !== undefined) query = query.cursor(cursor);
        const { results, nextCursor } = await query.getMany();
        pages.push(results.map((r) => r.key));
        cursor = nextCursor;
      } while (cursor !== undefined);
      return pages;
    });
    expect(trace.deliveries[0]?.outcome).toEqual({
      kind: 'success',
      value: [
        ['job:1', 'job:10'],
        ['job:2', 'job:3'],
      ],
    });
    const queries = trace.deliveries[0]?.requests.filter((r) => r.operation?.name === 'query');
    expect(queries?.map((r) => r.operation?.target)).toEqual(['key begins_with "job:" limit 2', 'key begins_with "job:" limit 2 after WyJqb2I6MTAiXQ']);
  });

  it('returns 10 results by default, at most 100, and getOne the first', async () => {
    const trace = await driveProduct(async () => {
      for (let i = 0; i < 105; i++) await kvs.set(`k${String(i).padStart(3, '0')}`, i);
      const first = await kvs.query().getMany();
      const all = await kvs.query().limit(1000).getMany();
      const one = await kvs.query().where('key', WhereConditions.beginsWith('k05')).getOne();
      return { first: first.results.length, more: first.nextCursor !== undefined, capped: all.results.length, one };
    });
    expect(trace.deliveries[0]?.outcome).toEqual({ kind: 'success', value: { first: 10, more: true, capped: 100, one: { key: 'k050', value: 50 } } });
  });

  it('answers a malformed cursor with 400 INVALID_CURSOR', async () => {
    const trace = await driveProduct(async () =>
      kvs
        .query()
        .cursor('not-a-cursor!')
        .getMany()
        .then(
          () => 'ok',
          (e: { code?: string }) => e.code,
        ),
    );
    expect(trace.deliveries[0]?.outcome).toEqual({ kind: 'success', value: 'INVALID_CURSOR' });
  });

  it('sends a planned KVS 429 on a page as the SDK error, so a loop that swallows it loses the rest', async () => {
    const trace = await driveProduct(
      async () => {
        await seed(['a:1', 'a:2', 'a:3']);
        try {
          return (await kvs.query().where('key', WhereConditions.beginsWith('a:')).getMany()).results.length;
        } catch (e) {
          return (e as { code?: string }).code;
        }
      },
      { scenario: scenario([{ storage: [{ kind: 'ok' }, { kind: 'ok' }, { kind: 'ok' }, { kind: 'status', status: 429, headers: { 'Retry-After': '9' } }] }]) },
    );
    expect(trace.deliveries[0]?.outcome).toEqual({ kind: 'success', value: 'RATE_LIMIT_EXCEEDED' });
    expect(trace.deliveries[0]?.requests[3]).toMatchObject({ operation: { name: 'query' }, response: { status: 429 }, source: 'plan' });
  });
});

describe('custom entities (kvs.entity)', () => {
  interface Task {
    status: string;
    priority: number;
    project?: string;
    labels?: string[];
  }
  const tasks = kvs.entity<Task>('task');
  const seed = async () => {
    await tasks.set('t1', { status: 'open', priority: 3, project: 'SUP', labels: ['bug'] });
    await tasks.set('t2', { status: 'open', priority: 1, project: 'OPS' });
    await tasks.set('t3', { status: 'done', priority: 2, project: 'SUP' });
    await tasks.set('t4', { status: 'open', priority: 2, project: 'SUP', labels: ['bug', 'ui'] });
    await tasks.set('t5', { priority: 5 } as Task);
  };

  it('keeps entities apart from plain keys and from other entities', async () => {
    const trace = await driveProduct(async () => {
      await tasks.set('k', { status: 'open', priority: 1 });
      await kvs.set('k', 'plain');
      return { task: await tasks.get('k'), plain: await kvs.get('k'), other: (await kvs.entity('note').get('k')) ?? null };
    });
    expect(trace.deliveries[0]?.outcome).toEqual({ kind: 'success', value: { task: { status: 'open', priority: 1 }, plain: 'plain', other: null } });
    expect(trace.deliveries[0]?.requests[0]?.operation).toEqual({ surface: 'kvs', name: 'set', key: 'entity:task:k', value: '{"status":"open","priority":1}' });
  });

  it('queries an index named after an attribute in its order, with range conditions, filters and DESC', async () => {
    const trace = await driveProduct(async () => {
      await seed();
      const byPriority = await tasks.query().index('priority').getMany();
      const high = await tasks.query().index('priority').where(WhereConditions.greaterThanEqualTo(2)).sort(Sort.DESC).getMany();
      const openBugs = await tasks
        .query()
        .index('status')
        .where(WhereConditions.equalTo('open'))
        .filters(new Filter<Task>().and('labels', FilterConditions.contains('bug')).and('project', FilterConditions.beginsWith('SU')))
        .getMany();
      const either = await tasks
        .query()
        .index('priority')
        .filters(new Filter<Task>().or('project', FilterConditions.equalTo('OPS')).or('status', FilterConditions.equalTo('done')))
        .getMany();
      return [byPriority, high, openBugs, either].map((r) => r.results.map((t) => t.key));
    });
    expect(trace.deliveries[0]?.outcome).toEqual({
      kind: 'success',
      value: [
        ['t2', 't3', 't4', 't1', 't5'],
        ['t5', 't1', 't4', 't3'],
        ['t1', 't4'],
        ['t2', 't3'],
      ],
    });
    expect(trace.deliveries[0]?.requests.at(-3)?.operation?.target).toBe('task index priority greater_than_equal_to 2 DESC');
  });

  it('pages an index with cursors and limit', async () => {
    const trace = await driveProduct(async () => {
      await seed();
      const keys: string[] = [];
      let cursor: string | undefined;
      do {
        let q = tasks.query().index('priority').limit(2);
        if (cursor !== undefined) q = q.cursor(cursor);
        const page = await q.getMany();
        keys.push(...page.results.map((r) => r.key));
        cursor = page.nextCursor;
      } while (cursor !== undefined);
      return keys;
    });
    expect(trace.deliveries[0]?.outcome).toEqual({ kind: 'success', value: ['t2', 't3', 't4', 't1', 't5'] });
  });

  it('reads partitioned indexes from manifest.yml in the working directory, and refuses an index it does not declare', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'frh-entities-'));
    writeFileSync(
      join(dir, 'manifest.yml'),
      [
        'app:',
        '  id: ari:cloud:ecosystem::app/x',
        '  storage:',
        '    entities:',
        '      - name: task',
        '        attributes:',
        '          project: { type: string }',
        '          priority: { type: integer }',
        '        indexes:',
        '          - name: by-project',
        '            partition: [project]',
        '            range: [priority]',
        '',
      ].join('\n'),
    );
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const trace = await driveProduct(async () => {
        await seed();
        const sup = await tasks
          .query()
          .index('by-project', { partition: ['SUP'] })
          .getMany();
        const unknown = await tasks
          .query()
          .index('status')
          .getMany()
          .then(
            () => 'ok',
            (e: { code?: string }) => e.code,
          );
        return { sup: sup.results.map((r) => r.key), unknown };
      });
      expect(trace.deliveries[0]?.outcome).toEqual({ kind: 'success', value: { sup: ['t3', 't4', 't1'], unknown: 'UNSUPPORTED_BY_HARNESS' } });
      expect(trace.deliveries[0]?.issues).toEqual([
        {
          kind: 'unsupported-surface',
          surface: 'kvs',
          detail: '@forge/kvs entity query on index "status" of custom entity "task", which manifest.yml does not declare (it declares "by-project")',
        },
      ]);
    } finally {
      process.chdir(cwd);
    }
  });
});

describe('kvs.batchSet, batchGet and batchDelete', () => {
  const codeOf = (e: unknown) => (e as { code?: string }).code;

  it('sets, gets and deletes plain and entity keys, listing a missing key under failedKeys', async () => {
    const trace = await driveProduct(async () => {
      const set = await kvs.batchSet<unknown>([
        { key: 'a', value: 1 },
        { key: 'b', value: 2 },
        { key: 'a', entityName: 'task', value: { status: 'open' } },
      ]);
      const got = await kvs.batchGet([{ key: 'a' }, { key: 'missing' }, { key: 'a', entityName: 'task' }]);
      const deleted = await kvs.batchDelete([{ key: 'a' }, { key: 'b' }]);
      return {
        set: set.successfulKeys,
        got: got.successfulKeys.map((k) => [k.key, k.entityName ?? null, k.value]),
        missing: got.failedKeys.map((k) => [k.key, k.error.code]),
        deleted: deleted.successfulKeys.length,
        after: (await kvs.get('a')) ?? null,
        entity: await kvs.entity('task').get('a'),
      };
    });
    expect(trace.deliveries[0]?.outcome).toEqual({
      kind: 'success',
      value: {
        set: [{ key: 'a' }, { key: 'b' }, { key: 'a', entityName: 'task' }],
        got: [
          ['a', null, 1],
          ['a', 'task', { status: 'open' }],
        ],
        missing: [['missing', 'KEY_NOT_FOUND']],
        deleted: 2,
        after: null,
        entity: { status: 'open' },
      },
    });
    expect(trace.deliveries[0]?.requests[0]?.operation).toEqual({
      surface: 'kvs',
      name: 'batch-set',
      keys: ['a', 'b', 'entity:task:a'],
      target: '["a","b","entity:task:a"]',
    });
  });

  it('refuses an empty batch, more than 25 items and a key named twice, whole', async () => {
    const trace = await driveProduct(async () => ({
      empty: await kvs.batchSet([]).then(() => 'ok', codeOf),
      many: await kvs.batchSet(Array.from({ length: 26 }, (_, i) => ({ key: `k${i}`, value: i }))).then(() => 'ok', codeOf),
      twice: await kvs.batchDelete([{ key: 'x' }, { key: 'x' }]).then(() => 'ok', codeOf),
      stored: (await kvs.get('k0')) ?? null,
    }));
    expect(trace.deliveries[0]?.outcome).toEqual({
      kind: 'success',
      value: { empty: 'EMPTY_BATCH', many: 'TOO_MANY_ITEMS', twice: 'DUPLICATE_KEYS', stored: null },
    });
  });

  it('fails the second half of a batch on a planned 429 (a partial failure), and all of it on a planned 5xx', async () => {
    const items = ['a', 'b', 'c', 'd'].map((key) => ({ key, value: key }));
    const trace = await driveProduct(
      async () => {
        const partial = await kvs.batchSet(items);
        const whole = await kvs.batchSet(items).then(() => 'ok', codeOf);
        const stored = await kvs.batchGet(items.map(({ key }) => ({ key })));
        return {
          ok: partial.successfulKeys.map((k) => k.key),
          failed: partial.failedKeys.map((k) => [k.key, k.error.code]),
          whole,
          stored: stored.successfulKeys.map((k) => k.key),
        };
      },
      {
        scenario: scenario([
          {
            storage: [
              { kind: 'status', status: 429, headers: { 'Retry-After': '5' } },
              { kind: 'status', status: 503, headers: {} },
            ],
          },
        ]),
      },
    );
    expect(trace.deliveries[0]?.outcome).toEqual({
      kind: 'success',
      value: {
        ok: ['a', 'b'],
        failed: [
          ['c', 'RATE_LIMIT_EXCEEDED'],
          ['d', 'RATE_LIMIT_EXCEEDED'],
        ],
        whole: 'SERVICE_UNAVAILABLE',
        stored: ['a', 'b'],
      },
    });
    expect(trace.deliveries[0]?.requests[0]).toMatchObject({
      response: { status: 200 },
      effect: 'applied',
      source: 'plan',
      partialFailure: { failed: 2, of: 4, code: 'RATE_LIMIT_EXCEEDED' },
    });
    expect(trace.deliveries[0]?.requests[1]).toMatchObject({ response: { status: 503 }, effect: 'not-applied' });
  });
});

describe('kvs.transact()', () => {
  const codeOf = (e: unknown) => (e as { code?: string }).code;

  it('commits sets and deletes together, recorded as one effect on the keys it writes', async () => {
    const trace = await driveProduct(async () => {
      await kvs.set('old', 1);
      await kvs.transact().set('a', 1).set('b', { n: 2 }).delete('old').execute();
      return { a: await kvs.get('a'), b: await kvs.get('b'), old: (await kvs.get('old')) ?? null };
    });
    expect(trace.deliveries[0]?.outcome).toEqual({ kind: 'success', value: { a: 1, b: { n: 2 }, old: null } });
    expect(trace.deliveries[0]?.requests[1]).toMatchObject({
      operation: { surface: 'kvs', name: 'transact', keys: ['a', 'b', 'old'], target: 'set "a", "b"; delete "old"' },
      response: { status: 204 },
      effect: 'applied',
    });
  });

  it('cancels the whole transaction with CONDITIONAL_CHECK_FAILED when a condition or check fails', async () => {
    const trace = await driveProduct(async () => {
      const notProcessed = new Filter<{ done: boolean }>().and('done', FilterConditions.notExists());
      const first = await kvs
        .transact()
        .set('ev-1', { done: true }, { entityName: 'event', conditions: notProcessed })
        .set('count', 1)
        .execute()
        .then(() => 'ok', codeOf);
      const again = await kvs
        .transact()
        .set('ev-1', { done: true }, { entityName: 'event', conditions: notProcessed })
        .set('count', 2)
        .execute()
        .then(() => 'ok', codeOf);
      const check = await kvs
        .transact()
        .check('ghost', { entityName: 'event', conditions: new Filter<{ done: boolean }>().and('done', FilterConditions.exists()) })
        .set('count', 3)
        .execute()
        .then(() => 'ok', codeOf);
      return { first, again, check, count: await kvs.get('count') };
    });
    expect(trace.deliveries[0]?.outcome).toEqual({
      kind: 'success',
      value: { first: 'ok', again: 'CONDITIONAL_CHECK_FAILED', check: 'CONDITIONAL_CHECK_FAILED', count: 1 },
    });
    expect(trace.deliveries[0]?.requests.map((r) => [r.response.kind === 'http' && r.response.status, r.effect])).toEqual([
      [204, 'applied'],
      [409, 'not-applied'],
      [409, 'not-applied'],
      [200, 'not-applied'],
    ]);
  });

  it('records a transaction that writes what is already stored as not applied, and refuses a key used twice', async () => {
    const trace = await driveProduct(async () => {
      await kvs.transact().set('a', 1).execute();
      await kvs.transact().set('a', 1).execute();
      return kvs
        .transact()
        .set('a', 1)
        .delete('a')
        .execute()
        .then(() => 'ok', codeOf);
    });
    expect(trace.deliveries[0]?.outcome).toEqual({ kind: 'success', value: 'DUPLICATE_KEYS' });
    expect(trace.deliveries[0]?.requests.map((r) => r.effect)).toEqual(['applied', 'not-applied', 'not-applied']);
  });
});

describe('legacy storage and Queue.push', () => {
  it('answers legacy storage from the same store as kvs', async () => {
    const storage = new GlobalStorage(__requestAtlassianAsApp, () => undefined);
    const trace = await driveProduct(async () => {
      await storage.set('shared', { v: 1 });
      const viaKvs = await kvs.get('shared');
      await storage.delete('shared');
      return { viaKvs, after: (await storage.get('shared')) ?? null };
    });
    expect(trace.deliveries[0]?.outcome).toEqual({ kind: 'success', value: { viaKvs: { v: 1 }, after: null } });
    expect(trace.deliveries[0]?.requests.map((r) => [r.operation?.surface, r.operation?.name])).toEqual([
      ['storage', 'set'],
      ['kvs', 'get'],
      ['storage', 'delete'],
      ['storage', 'get'],
    ]);
  });

  it('records Queue.push as a push operation without jobId or time, and the push succeeds', async () => {
    const trace = await driveProduct(async () => new Queue({ key: 'work' }).push([{ body: { n: 1 } }]));
    expect(trace.deliveries[0]?.outcome).toEqual({ kind: 'success', value: { jobId: '00000000-0000-4000-8000-000000000001' } });
    expect(trace.deliveries[0]?.requests[0]).toMatchObject({
      surface: 'queue',
      operation: { surface: 'queue', name: 'push', target: 'work', value: '[{"body":{"n":1}}]' },
      effect: 'applied',
    });
  });
});
