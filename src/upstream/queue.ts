/**
 * `Queue.push` of @forge/events 3.0.8 (read in node_modules/@forge/events/out/queue.js and
 * validators.js): `POST /webhook/queue/publish/...` with `{ queueName, jobId, payload, time, ... }`;
 * `validatePushAPIResponse` accepts status 201.
 */
import { httpAnswer } from './answer.js';
import { messageFailure, serviceFailure } from './planned.js';
import { fromStore, type PreparedRequest } from './prepared.js';
import type { SurfaceSimulator } from './simulator.js';

/** `Queue.push` posts under this gateway path (the placeholders are filled in by the real proxy). */
export const QUEUE_PUSH_PREFIX = '/webhook/queue/publish/';

/**
 * Parses one push. The recorded operation holds the queue and the events only: `jobId` and `time`
 * differ on every push, and keeping them would make two identical pushes look different to a
 * duplicate check.
 *
 * @example
 * preparePush('{"queueName":"q","payload":[{"body":{}}]}').operation // { surface: 'queue', name: 'push', target: 'q', value: '[{"body":{}}]' }
 */
export const preparePush = (bodyText: string | undefined): PreparedRequest => {
  let body: { queueName?: unknown; payload?: unknown } = {};
  try {
    body = JSON.parse(bodyText ?? '{}') as typeof body;
  } catch {
    // The SDK always sends JSON; anything else is recorded with what could be read.
  }
  return {
    mutates: true,
    operation: { surface: 'queue', name: 'push', target: String(body.queueName), value: JSON.stringify(body.payload) ?? 'undefined' },
    apply: () => fromStore(httpAnswer(201, {})),
  };
};

/** `Queue.push`: every push succeeds and is an effect. */
export const queueSimulator: SurfaceSimulator = {
  failure: serviceFailure(messageFailure),
  prepare: (request) => preparePush(request.body),
};
