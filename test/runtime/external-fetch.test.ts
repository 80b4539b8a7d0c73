// @forge/api is imported before the harness on purpose: it captures global fetch when it loads.
import api from '@forge/api';
import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { withHarnessLock } from '../../src/runtime/lock.js';
import { normaliseFixture } from '../../src/upstream/fixtures.js';
import { driveProduct, globalsSnapshot, scenario } from './helpers.js';

describe('external fetch', () => {
  it('intercepts api.fetch of an @forge/api loaded before the harness, answering from fixtures', async () => {
    const upstream = normaliseFixture({ 'POST https://api.example.com/items/:id': { status: 201, body: { stored: true }, headers: { 'X-Req': 'a' } } });
    let seen: unknown;
    const trace = await driveProduct(
      async () => {
        const res = await api.fetch('https://api.example.com/items/7?x=1', {
          method: 'POST',
          body: JSON.stringify({ a: 1 }),
          headers: { 'Idempotency-Key': 'k1' },
        });
        seen = { status: res.status, header: res.headers.get('x-req'), body: await res.json() };
      },
      { upstream: upstream! },
    );
    expect(seen).toEqual({ status: 201, header: 'a', body: { stored: true } });
    expect(trace.deliveries[0]?.requests[0]).toMatchObject({
      surface: 'external',
      method: 'POST',
      path: 'https://api.example.com/items/7?x=1',
      body: '{"a":1}',
      requestHeaders: { 'idempotency-key': 'k1' },
      response: { kind: 'http', status: 201, body: '{"stored":true}' },
      effect: 'applied',
      source: 'fixture',
    });
  });

  it('intercepts the global fetch too, and restores the dispatcher afterwards', async () => {
    const before = globalsSnapshot();
    const trace = await driveProduct(async () => (await fetch('https://example.org/ping')).status);
    expect(trace.deliveries[0]?.outcome).toEqual({ kind: 'success', value: 200 });
    expect(globalsSnapshot().dispatcher).toBe(before.dispatcher);
  });

  it('turns a planned network error into the TypeError("fetch failed") undici raises', async () => {
    let error: unknown;
    const trace = await driveProduct(
      async () => {
        try {
          await api.fetch('https://api.example.com/x');
        } catch (e) {
          error = e;
        }
      },
      { scenario: scenario([{ responses: [{ kind: 'network-error' }] }]) },
    );
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe('fetch failed');
    expect(trace.deliveries[0]?.requests[0]?.response).toEqual({ kind: 'network-error', message: 'fetch failed' });
  });

  it('refuses node:http during a check and restores it afterwards', async () => {
    const realRequest = http.request;
    const trace = await driveProduct(() => {
      http.request('http://example.com');
    });
    expect(trace.deliveries[0]?.outcome.kind).toBe('thrown');
    const outcome = trace.deliveries[0]!.outcome;
    expect(outcome.kind === 'thrown' && String((outcome.error as Error).message)).toMatch(
      /a real network call via node:http.*@forge\/api 5\.0\+ \(run npm i @forge\/api@latest\), which routes through __forge_fetch__/,
    );
    expect(trace.deliveries[0]?.issues[0]).toMatchObject({ kind: 'unsupported-surface', surface: 'node:http' });
    expect(http.request).toBe(realRequest);
  });

  it('answers fetch outside an invocation but inside a check with an error, never the network', async () => {
    await withHarnessLock(async () => {
      await expect(fetch('https://example.com')).rejects.toThrow('fetch failed');
    });
  });
});
