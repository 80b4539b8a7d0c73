import { __requestAtlassianAsApp } from '@forge/api/out/api/fetch.js';
import { kvs } from '@forge/kvs';
import { FilterConditions, GlobalStorage, SortOrder, WhereConditions, getStorageInstanceWithQuery, startsWith } from '@forge/storage';
import { describe, expect, it } from 'vitest';
import { driveProduct, scenario } from '../runtime/helpers.js';

// What `storage` of @forge/api 6.x/7.x is: @forge/storage over the app's gateway client.
const storage = getStorageInstanceWithQuery(new GlobalStorage(__requestAtlassianAsApp, () => undefined));

describe('legacy storage (@forge/api up to 7, @forge/storage 2.0.3)', () => {
  it('pages storage.query() with startsWith, limit and the cursor of the last edge, over the data kvs sees', async () => {
    const trace = await driveProduct(async () => {
      for (const key of ['sync:3', 'sync:1', 'other', 'sync:2']) await kvs.set(key, key.length);
      const first = await storage.query().where('key', startsWith('sync:')).limit(2).getMany();
      const second = await storage.query().where('key', startsWith('sync:')).limit(2).cursor(first.nextCursor!).getMany();
      const last = await storage.query().where('key', startsWith('sync:')).limit(2).cursor(second.nextCursor!).getMany();
      return { first: first.results.map((r) => r.key), second: second.results.map((r) => r.key), last: last.results, end: last.nextCursor ?? null };
    });
    // @forge/storage makes the cursor of the last edge the next cursor, so a page loop ends on an empty page.
    expect(trace.deliveries[0]?.outcome).toEqual({ kind: 'success', value: { first: ['sync:1', 'sync:2'], second: ['sync:3'], last: [], end: null } });
    expect(trace.deliveries[0]?.requests[4]?.operation).toEqual({ surface: 'storage', name: 'query', target: 'key begins_with "sync:" limit 2' });
  });

  it('gets, sets, deletes and queries custom entities through an index, with filters and sort', async () => {
    const trace = await driveProduct(async () => {
      const people = storage.entity<{ name: string; age: number }>('employee');
      await people.set('e1', { name: 'Ann', age: 41 });
      await people.set('e2', { name: 'Bob', age: 29 });
      await people.set('e3', { name: 'Cyd', age: 35 });
      const viaKvs = await kvs.entity('employee').get('e2');
      await people.delete('e2');
      const older = await people.query().index('age').where(WhereConditions.isGreaterThan(30)).sort(SortOrder.DESC).getMany();
      const named = await people.query().index('age').andFilter('name', FilterConditions.beginsWith('C')).getMany();
      return { viaKvs, gone: (await people.get('e2')) ?? null, older: older.results.map((r) => r.key), named: named.results.map((r) => r.key) };
    });
    expect(trace.deliveries[0]?.outcome).toEqual({
      kind: 'success',
      value: { viaKvs: { name: 'Bob', age: 29 }, gone: null, older: ['e1', 'e3'], named: ['e3'] },
    });
    expect(trace.deliveries[0]?.requests.map((r) => r.operation?.name)).toEqual(['set', 'set', 'set', 'get', 'delete', 'entity-query', 'entity-query', 'get']);
    expect(trace.deliveries[0]?.requests[5]?.operation?.target).toBe('employee index age greater_than 30 DESC');
  });

  it('fails a planned 429 as a non-200, which the SDK turns into APIError', async () => {
    const trace = await driveProduct(
      async () =>
        storage.get('k').then(
          () => 'ok',
          (e: Error) => `${e.constructor.name}: ${e.message}`,
        ),
      {
        scenario: scenario([{ storage: [{ kind: 'status', status: 429, headers: { 'Retry-After': '3' } }] }]),
      },
    );
    expect(trace.deliveries[0]?.outcome).toEqual({ kind: 'success', value: "APIError: Unknown error. Received status code '429'" });
    expect(Object.keys((trace.deliveries[0]?.requests[0]?.response as { headers: object }).headers)).toEqual(['content-type']);
  });

  it('refuses an operation it does not know, naming it', async () => {
    const trace = await driveProduct(async () => {
      const res = await __requestAtlassianAsApp('/forge/entities/graphql', {
        method: 'POST',
        body: JSON.stringify({ query: 'query q { appStoredThings { id } }' }),
      });
      return ((await res.json()) as { errors: { message: string }[] }).errors[0]?.message;
    });
    expect(trace.deliveries[0]?.outcome).toEqual({
      kind: 'success',
      value: 'forge-retry-harness does not simulate the legacy storage operation appStoredThings',
    });
    expect(trace.deliveries[0]?.issues).toEqual([{ kind: 'unsupported-surface', surface: 'storage', detail: 'legacy storage appStoredThings' }]);
  });
});
