import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { asApp, route } from '@forge/api';
import { driveProduct } from './helpers.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const gzipAsync = promisify(gzip);
const here = fileURLToPath(import.meta.url);

/**
 * Handlers that do real asynchronous work before their product call, modelled on apps that read a
 * bundled template, sign a webhook with WebCrypto, or compress an attachment.
 * Each races its work against a 5 s in-process timer, as apps that guard a slow step do: the work
 * must win every time, since it takes no virtual time, whatever the machine's speed.
 */
const withGuard = async (work: () => Promise<string>): Promise<string> => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const guard = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve('guard timer won'), 5_000);
  });
  try {
    return await Promise.race([work(), guard]);
  } finally {
    clearTimeout(timer);
  }
};

const comment = async (text: string): Promise<string> => {
  await asApp().requestJira(route`/rest/api/3/issue/TEST-1/comment`, { method: 'POST', body: JSON.stringify({ body: text }) });
  return text;
};

const handlers = {
  'reads a file with fs.promises.readFile': () =>
    withGuard(async () => {
      let size = 0;
      for (let i = 0; i < 20; i++) size += (await readFile(here, 'utf8')).length;
      return comment(`read ${size > 0 ? 'ok' : 'empty'}`);
    }),
  'signs with crypto.subtle.sign': () =>
    withGuard(async () => {
      const key = await crypto.subtle.importKey('raw', new TextEncoder().encode('secret'), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
      let last = new ArrayBuffer(0);
      for (let i = 0; i < 50; i++) last = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`payload ${i}`));
      return comment(`signed ${Buffer.from(last).toString('hex').slice(0, 16)}`);
    }),
  'gzips with zlib': () =>
    withGuard(async () => {
      const zipped = await gzipAsync(Buffer.alloc(4_000_000, 'forge '));
      return comment(`zipped ${zipped.length > 0 ? 'ok' : 'empty'}`);
    }),
};

describe('real asynchronous work', () => {
  for (const [name, handler] of Object.entries(handlers)) {
    it(`is not a hang: a handler that ${name} passes, with the same trace on every run`, async () => {
      const traces = [];
      for (let i = 0; i < 3; i++) traces.push(await driveProduct(handler, { maxDeliveries: 1 }));
      const d = traces[0]!.deliveries[0]!;
      expect(d.outcome.kind).toBe('success');
      expect(d.outcome.kind === 'success' ? String(d.outcome.value) : '').not.toContain('guard timer won');
      expect(d.issues).toEqual([]);
      expect(d.requests).toHaveLength(1);
      expect(traces[1]).toEqual(traces[0]);
      expect(traces[2]).toEqual(traces[0]);
    });
  }

  it('still moves virtual time for a timer once the real work is done', async () => {
    const trace = await driveProduct(async () => {
      await readFile(here);
      const t0 = Date.now();
      await sleep(3_000);
      return Date.now() - t0;
    });
    expect(trace.deliveries[0]!.outcome).toEqual({ kind: 'success', value: 3_000 });
  });
});
