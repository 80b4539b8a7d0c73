/**
 * The TCP and TLS ways out: `node:http`/`node:https` (`request`, `get`, `new ClientRequest`), `node:net`
 * (`connect`, `createConnection`) and `node:tls` (`connect`) are refused by name; then, for every path
 * that reaches a socket without them (undici's connector, an `http.Agent`, `new net.Socket().connect`,
 * a reference captured before the check), `net.Socket.prototype.connect`, which every TCP, TLS and
 * pipe connection goes through, and writes to a socket connected before the check (a keep-alive pool).
 */
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import { invocationStorage } from '../invocation.js';
import { swapProperty, type Restore } from '../swap.js';
import { brief, refuse, refuseInInvocation, withTarget } from './refusal.js';

type Fn = (this: unknown, ...args: unknown[]) => unknown;

/** Where an `http.request`-style call was going: the URL, or what its options name. */
const requestTarget = (args: readonly unknown[]): string | undefined => {
  const [first] = args;
  if (typeof first === 'string' || first instanceof URL) return brief(first);
  if (first !== null && typeof first === 'object') {
    const o = first as { protocol?: unknown; host?: unknown; hostname?: unknown; port?: unknown; path?: unknown };
    const host = o.hostname ?? o.host ?? 'localhost';
    return brief(`${String(o.protocol ?? '')}//${String(host)}${o.port !== undefined ? `:${String(o.port)}` : ''}${String(o.path ?? '/')}`);
  }
  return undefined;
};

/** Where a `net`-style connect was going: `host:port` or a pipe path. */
const socketTarget = (args: readonly unknown[]): string | undefined => {
  // net.connect hands Socket.prototype.connect its arguments already normalised into one array.
  const list = Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
  const [first, second] = list;
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) return `${typeof second === 'string' ? second : 'localhost'}:${first}`;
  if (typeof first === 'string') return brief(first);
  if (first !== null && typeof first === 'object') {
    const o = first as { host?: unknown; port?: unknown; path?: unknown };
    if (o.path !== undefined) return brief(o.path);
    return `${String(o.host ?? 'localhost')}:${String(o.port)}`;
  }
  return undefined;
};

const guarded = (original: Fn, surface: string, call: string, target: (args: readonly unknown[]) => string | undefined): Fn =>
  function sealed(this: unknown, ...args: unknown[]) {
    refuseInInvocation(() => withTarget({ surface, call, escape: 'network' }, target(args)));
    return original.apply(this, args);
  };

/** `new http.ClientRequest(...)` refused inside an invocation; `instanceof` still sees the real class. */
const guardedClass = <C extends abstract new (...args: never[]) => unknown>(original: C, surface: string, call: string): C =>
  new Proxy(original, {
    construct(target, args: unknown[], newTarget) {
      refuseInInvocation(() => withTarget({ surface, call, escape: 'network' }, requestTarget(args)));
      return Reflect.construct(target, args, newTarget) as object;
    },
  });

/** A socket with a network peer: a TCP or TLS connection, never a pipe, TTY or file (stdout). */
const peerOf = (socket: net.Socket): string | undefined => {
  try {
    return socket.remoteAddress !== undefined ? `${socket.remoteAddress}:${String(socket.remotePort)}` : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Seals `node:http`, `node:https`, `node:net` and `node:tls`; returns how to put them back.
 *
 * @example
 * const restore = sealNet();
 */
export const sealNet = (): Restore[] => {
  const restores: Restore[] = [];
  for (const [name, module] of [
    ['node:http', http],
    ['node:https', https],
  ] as const) {
    for (const fn of ['request', 'get'] as const) restores.push(swapProperty(module, fn, guarded(module[fn] as Fn, name, `${name}.${fn}`, requestTarget)));
  }
  restores.push(swapProperty(http, 'ClientRequest', guardedClass(http.ClientRequest, 'node:http', 'new node:http.ClientRequest')));
  for (const fn of ['connect', 'createConnection'] as const)
    restores.push(swapProperty(net, fn, guarded(net[fn] as Fn, 'node:net', `node:net.${fn}`, socketTarget)));
  restores.push(swapProperty(tls, 'connect', guarded(tls.connect as Fn, 'node:tls', 'node:tls.connect', socketTarget)));

  const proto = net.Socket.prototype as unknown as Record<string, Fn>;
  restores.push(swapProperty(proto, 'connect', guarded(proto.connect!, 'node:net', 'net.Socket.prototype.connect', socketTarget)));
  const write = proto._writeGeneric!;
  restores.push(
    swapProperty(proto, '_writeGeneric', function sealedWrite(this: net.Socket, ...args: unknown[]) {
      const inv = invocationStorage.getStore();
      const peer = inv === undefined ? undefined : peerOf(this);
      if (inv !== undefined && peer !== undefined) {
        try {
          refuse(inv, { surface: 'node:net', call: 'a write to a connection opened before the check', target: peer, escape: 'network' });
        } catch (error) {
          // The stream's own callback carries the error, as a failed write would.
          const callback = args[3];
          if (typeof callback === 'function') return (callback as (e: unknown) => void)(error);
          throw error;
        }
      }
      return write.apply(this, args);
    }),
  );
  return restores;
};
