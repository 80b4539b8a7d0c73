/**
 * Sealed: during a check no real request leaves the process. A real HTTP server and a real UDP socket
 * listen on 127.0.0.1; handlers try every way out Node offers, with real URLs pointing at them. Each
 * check stops with a HarnessUsageError naming the call, the trace records it, and the servers
 * receive nothing: not a request, not even a TCP connection or a datagram.
 */
import childProcess from 'node:child_process';
import dgram from 'node:dgram';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import { Worker } from 'node:worker_threads';
import { Agent, Client, Pool, fetch as undiciFetch, request as undiciRequest } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PLATFORM_RULES } from '../../models/rules.js';
import { HarnessUsageError, checkRetrySemantics, type ForgeHandler } from '../../src/index.js';
import { drive } from '../../src/runner/drive.js';

/** Captured at load, before any check: a handler module that keeps its own reference gets this one. */
const capturedHttpRequest = http.request;
const capturedSpawn = childProcess.spawn;

let connections = 0;
let requests = 0;
let datagrams = 0;
const server = http.createServer((_req, res) => {
  requests += 1;
  res.end('real');
});
server.on('connection', () => {
  connections += 1;
});
const udp = dgram.createSocket('udp4');
udp.on('message', () => {
  datagrams += 1;
});

let port = 0;
let udpPort = 0;
let url = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as net.AddressInfo).port;
  url = `http://127.0.0.1:${port}/escape`;
  await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', resolve));
  udpPort = udp.address().port;
});

afterAll(async () => {
  udp.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** Waits for the events of a call: a socket's error, a request's response. */
const settle = (emitter: NodeJS.EventEmitter, ok: string): Promise<unknown> =>
  new Promise((resolve, reject) => {
    emitter.once('error', reject);
    emitter.once(ok, resolve);
  });

/** A node child that would reach the server. */
const childScript = (): string => `fetch(${JSON.stringify(url)}).then(() => process.exit(0), () => process.exit(1))`;

interface Escape {
  readonly name: string;
  readonly call: string;
  readonly handler: () => ForgeHandler;
}

const ESCAPES: readonly Escape[] = [
  {
    name: 'undici request with an explicit Agent',
    call: 'undici Agent.dispatch',
    handler: () => async () => (await undiciRequest(url, { dispatcher: new Agent() })).statusCode,
  },
  {
    name: 'undici fetch with an explicit Agent',
    call: 'undici Agent.dispatch',
    handler: () => async () => (await undiciFetch(url, { dispatcher: new Agent() })).status,
  },
  {
    name: 'an undici Pool',
    call: 'undici Pool.dispatch',
    handler: () => async () => (await new Pool(`http://127.0.0.1:${port}`).request({ path: '/escape', method: 'GET' })).statusCode,
  },
  {
    name: 'an undici Client',
    call: 'undici Client.dispatch',
    handler: () => async () => (await new Client(`http://127.0.0.1:${port}`).request({ path: '/escape', method: 'POST', body: 'x' })).statusCode,
  },
  {
    name: 'the global fetch with a dispatcher',
    call: 'undici Agent.dispatch',
    handler: () => async () => (await fetch(url, { dispatcher: new Agent() } as RequestInit)).status,
  },
  { name: 'new http.ClientRequest', call: 'new node:http.ClientRequest', handler: () => () => settle(new http.ClientRequest(url).end(), 'response') },
  {
    name: 'http.request with its own Agent',
    call: 'node:http.request',
    handler: () => () => settle(http.request(url, { agent: new http.Agent({ keepAlive: true }) }).end(), 'response'),
  },
  { name: 'http.get without an agent', call: 'node:http.get', handler: () => () => settle(http.get(url, { agent: false }), 'response') },
  {
    name: 'https.request',
    call: 'node:https.request',
    handler: () => () => settle(https.request(`https://127.0.0.1:${port}/escape`, { rejectUnauthorized: false }).end(), 'response'),
  },
  {
    name: 'http.request captured before the check',
    call: 'net.Socket.prototype.connect',
    handler: () => () => settle(capturedHttpRequest(url).end(), 'response'),
  },
  { name: 'net.connect', call: 'node:net.connect', handler: () => () => settle(net.connect(port, '127.0.0.1'), 'connect') },
  {
    name: 'net.createConnection',
    call: 'node:net.createConnection',
    handler: () => () => settle(net.createConnection({ port, host: '127.0.0.1' }), 'connect'),
  },
  {
    name: 'new net.Socket().connect',
    call: 'net.Socket.prototype.connect',
    handler: () => () => settle(new net.Socket().connect(port, '127.0.0.1'), 'connect'),
  },
  {
    name: 'tls.connect',
    call: 'node:tls.connect',
    handler: () => () => settle(tls.connect({ port, host: '127.0.0.1', rejectUnauthorized: false }), 'secureConnect'),
  },
  {
    name: 'a dgram send',
    call: 'dgram.Socket.send',
    handler: () => () => {
      const socket = dgram.createSocket('udp4');
      return new Promise((resolve, reject) => socket.send('escape', udpPort, '127.0.0.1', (e) => (e ? reject(e) : resolve('sent')))).finally(() =>
        socket.close(),
      );
    },
  },
  {
    name: 'a dgram connect',
    call: 'dgram.Socket.connect',
    handler: () => () => {
      const socket = dgram.createSocket('udp4');
      return new Promise((resolve) => socket.connect(udpPort, '127.0.0.1', () => resolve('connected'))).finally(() => socket.close());
    },
  },
  {
    name: 'child_process.spawn of node -e',
    call: 'node:child_process.spawn',
    handler: () => () => settle(childProcess.spawn(process.execPath, ['-e', childScript()]), 'exit'),
  },
  {
    name: 'child_process.exec',
    call: 'node:child_process.exec',
    handler: () => () => settle(childProcess.exec(`"${process.execPath}" -e '${childScript()}'`), 'exit'),
  },
  {
    name: 'child_process.execFile',
    call: 'node:child_process.execFile',
    handler: () => () => settle(childProcess.execFile(process.execPath, ['-e', childScript()]), 'exit'),
  },
  {
    name: 'child_process.fork',
    call: 'node:child_process.fork',
    handler: () => () => settle(childProcess.fork('-e', [childScript()], { execArgv: [] }), 'exit'),
  },
  {
    name: 'child_process.spawnSync',
    call: 'node:child_process.spawnSync',
    handler: () => () => childProcess.spawnSync(process.execPath, ['-e', childScript()]).status,
  },
  {
    name: 'child_process.execSync',
    call: 'node:child_process.execSync',
    handler: () => () => String(childProcess.execSync(`"${process.execPath}" -e '${childScript()}'`)),
  },
  {
    name: 'child_process.execFileSync',
    call: 'node:child_process.execFileSync',
    handler: () => () => String(childProcess.execFileSync(process.execPath, ['-e', childScript()])),
  },
  {
    name: 'spawn captured before the check',
    call: 'ChildProcess.prototype.spawn',
    handler: () => () => settle(capturedSpawn(process.execPath, ['-e', childScript()]), 'exit'),
  },
  { name: 'a worker thread', call: 'new node:worker_threads.Worker', handler: () => () => settle(new Worker(childScript(), { eval: true }), 'exit') },
];

const expectNothingReceived = (): void => {
  expect({ connections, requests, datagrams }).toEqual({ connections: 0, requests: 0, datagrams: 0 });
};

describe('the sealed network', () => {
  it('lets code outside any invocation reach the server before, during and after a check', async () => {
    const real = async (): Promise<string> => await (await undiciRequest(url, { dispatcher: new Agent() })).body.text();
    expect(await real()).toBe('real');
    let started!: () => void;
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    const check = checkRetrySemantics(
      async () => {
        started();
        await new Promise((resolve) => setTimeout(resolve, 5_000));
        return 'done';
      },
      { numRuns: 20 },
    );
    const during = (async () => {
      await running;
      const socket = net.connect(port, '127.0.0.1');
      await settle(socket, 'connect');
      socket.destroy();
      return [await real(), 'connected'];
    })();
    expect((await check).passed).toBe(true);
    expect(await during).toEqual(['real', 'connected']);
    expect(await real()).toBe('real');
    connections = 0;
    requests = 0;
  });

  for (const escape of ESCAPES) {
    it(`refuses ${escape.name}, names ${escape.call}, and the server receives nothing`, async () => {
      const handler = escape.handler();
      const trace = await drive({
        handler,
        regime: 'product-event',
        rules: DEFAULT_PLATFORM_RULES,
        event: {},
        scenario: { deliveries: [], duplicate: false },
        maxDeliveries: 1,
      });
      const d = trace.deliveries[0]!;
      expect(d.outcome.kind).toBe('thrown');
      const error = d.outcome.kind === 'thrown' ? (d.outcome.error as Error) : undefined;
      // undici's fetch wraps the refusal as a network failure: TypeError('fetch failed') with it as the cause.
      const refusal = error?.name === 'TypeError' ? (error.cause as Error) : error;
      expect(refusal?.name).toBe('RealNetworkCallError');
      expect(d.issues.find((i) => i.kind === 'unsupported-surface')).toMatchObject({ detail: expect.stringContaining(escape.call) });

      const check = checkRetrySemantics(handler, { numRuns: 3 });
      await expect(check).rejects.toBeInstanceOf(HarnessUsageError);
      await expect(check).rejects.toThrow(escape.call);
      expectNothingReceived();
    });
  }

  it('refuses a request on a keep-alive undici pool warmed before the check', async () => {
    const pool = new Pool(`http://127.0.0.1:${port}`, { connections: 1 });
    await (await pool.request({ path: '/warm', method: 'GET' })).body.text();
    connections = 0;
    requests = 0;
    const check = checkRetrySemantics(async () => (await pool.request({ path: '/escape', method: 'GET' })).statusCode, { numRuns: 1 });
    await expect(check).rejects.toThrow('undici Pool.dispatch');
    expectNothingReceived();
    await pool.close();
  });

  it('refuses a write to a socket connected before the check', async () => {
    const socket = net.connect(port, '127.0.0.1');
    await settle(socket, 'connect');
    connections = 0;
    const written = (): Promise<unknown> =>
      new Promise((resolve, reject) => socket.write(`GET /escape HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`, (e) => (e ? reject(e) : resolve('written'))));
    const check = checkRetrySemantics(written, { numRuns: 1 });
    await expect(check).rejects.toThrow(`a write to a connection opened before the check to 127.0.0.1:${port}`);
    expectNothingReceived();
    socket.destroy();
  });

  it('says what to do in the usage error', async () => {
    const error = await checkRetrySemantics(() => settle(net.connect(port, '127.0.0.1'), 'connect'), { numRuns: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HarnessUsageError);
    expect((error as HarnessUsageError).what).toContain(`node:net.connect to 127.0.0.1:${port} was refused`);
    expect((error as HarnessUsageError).what).toContain('call api.fetch (or the global fetch) instead, or inject this client');
  });

  it('restores every patched function after the check', async () => {
    const spawnOf = (): unknown => (childProcess.ChildProcess.prototype as unknown as { spawn: unknown }).spawn;
    const before = [
      http.request,
      http.get,
      https.request,
      http.ClientRequest,
      net.connect,
      tls.connect,
      net.Socket.prototype.connect,
      dgram.Socket.prototype.send,
      childProcess.spawnSync,
      spawnOf(),
      Worker,
    ];
    await checkRetrySemantics(async () => 'done', { numRuns: 1 });
    const { Worker: after } = await import('node:worker_threads');
    expect([
      http.request,
      http.get,
      https.request,
      http.ClientRequest,
      net.connect,
      tls.connect,
      net.Socket.prototype.connect,
      dgram.Socket.prototype.send,
      childProcess.spawnSync,
      spawnOf(),
      after,
    ]).toEqual(before);
    expectNothingReceived();
  });
});
