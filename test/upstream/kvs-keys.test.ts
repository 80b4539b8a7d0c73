import { WhereConditions, kvs } from '@forge/kvs';
import { describe, expect, it } from 'vitest';
import { driveProduct } from '../runtime/helpers.js';

const codeOf = (e: unknown) => (e as { code?: string }).code;
const statusOf = (e: unknown) => (e as { responseDetails?: { status?: number } }).responseDetails?.status;
const attempt = async (call: () => Promise<unknown>) => {
  try {
    await call();
    return 'ok';
  } catch (error) {
    return `${statusOf(error)} ${codeOf(error)}`;
  }
};

describe('KVS key rules', () => {
  it('answers a key the service refuses with its 400 code, on every call that names a key', async () => {
    const trace = await driveProduct(async () => ({
      slash: await attempt(() => kvs.set('sync/SUP/SUP-1', 1)),
      question: await attempt(() => kvs.get('a?b')),
      blank: await attempt(() => kvs.set('   ', 1)),
      empty: await attempt(() => kvs.delete('')),
      long: await attempt(() => kvs.set('k'.repeat(501), 1)),
      longest: await attempt(() => kvs.set('k'.repeat(500), 1)),
      one: await attempt(() => kvs.set('k', 1)),
      allowed: await attempt(() => kvs.set('sync:SUP-1 #2_a.b', 1)),
      secret: await attempt(() => kvs.setSecret('token/jira', 's')),
      entityEmpty: await attempt(() => kvs.entity('employee').set('', { name: 'x' })),
      batch: await attempt(() =>
        kvs.batchSet([
          { key: 'ok', value: 1 },
          { key: 'no/pe', value: 2 },
        ]),
      ),
      transact: await attempt(() => kvs.transact().set('a/b', 1).execute()),
    }));
    expect(trace.deliveries[0]?.outcome).toEqual({
      kind: 'success',
      value: {
        slash: '400 INVALID_KEY',
        question: '400 INVALID_KEY',
        blank: '400 INVALID_KEY',
        empty: '400 KEY_TOO_SHORT',
        long: '400 KEY_TOO_LONG',
        longest: 'ok',
        one: 'ok',
        allowed: 'ok',
        secret: '400 INVALID_KEY',
        entityEmpty: '400 EMPTY_KEY',
        batch: '400 INVALID_KEY',
        transact: '400 INVALID_KEY',
      },
    });
    // A refused write changed nothing, so it is no effect.
    expect(trace.deliveries[0]?.requests[0]).toMatchObject({ operation: { name: 'set', key: 'sync/SUP/SUP-1' }, effect: 'not-applied' });
  });
});

describe('KVS secrets', () => {
  it('keeps secrets in their own key space, read by name only: kvs.query() lists plain keys', async () => {
    const trace = await driveProduct(async () => {
      await kvs.setSecret('token:jira', 'abc');
      await kvs.set('token:plain', 'p');
      const listed = await kvs.query().where('key', WhereConditions.beginsWith('token:')).getMany();
      return { secret: await kvs.getSecret('token:jira'), plainOfSecret: (await kvs.get('token:jira')) ?? null, listed: listed.results.map((r) => r.key) };
    });
    expect(trace.deliveries[0]?.outcome).toEqual({ kind: 'success', value: { secret: 'abc', plainOfSecret: null, listed: ['token:plain'] } });
  });
});
