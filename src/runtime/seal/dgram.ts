/**
 * UDP: `send` (and `sendto`, which calls it) and `connect` of `dgram.Socket`, however the socket was
 * made. Binding a local port sends nothing and is left alone.
 */
import dgram from 'node:dgram';
import { swapProperty, type Restore } from '../swap.js';
import { refuseInInvocation, withTarget } from './refusal.js';

type Fn = (this: unknown, ...args: unknown[]) => unknown;

/** `send(msg, [offset, length,] port [, address] [, cb])` or `connect(port [, address] [, cb])`. */
const datagramTarget = (args: readonly unknown[], numbersBeforePort: number): string | undefined => {
  const numbers = args.map((a, i) => [a, i] as const).filter(([a]) => typeof a === 'number');
  const port = numbers.length > numbersBeforePort ? numbers[numbersBeforePort] : numbers[0];
  if (port === undefined) return undefined;
  const address = args[port[1] + 1];
  return `${typeof address === 'string' ? address : 'localhost'}:${String(port[0])}`;
};

/**
 * Seals `dgram.Socket` sending; returns how to put it back.
 *
 * @example
 * const restore = sealDgram();
 */
export const sealDgram = (): Restore[] => {
  const proto = dgram.Socket.prototype as unknown as Record<'send' | 'connect', Fn>;
  const send = proto.send;
  const connect = proto.connect;
  return [
    swapProperty(proto, 'send', function sealedSend(this: unknown, ...args: unknown[]) {
      refuseInInvocation(() => withTarget({ surface: 'node:dgram', call: 'dgram.Socket.send', escape: 'network' }, datagramTarget(args.slice(1), 2)));
      return send.apply(this, args);
    }),
    swapProperty(proto, 'connect', function sealedConnect(this: unknown, ...args: unknown[]) {
      refuseInInvocation(() => withTarget({ surface: 'node:dgram', call: 'dgram.Socket.connect', escape: 'network' }, datagramTarget(args, 0)));
      return connect.apply(this, args);
    }),
  ];
};
