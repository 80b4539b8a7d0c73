/**
 * `Queue` of @forge/events 3.0.8 (read in node_modules/@forge/events/out: queue.js, jobProgress.js,
 * queries.js, validators.js): `push` posts `{ queueName, jobId, payload, time, ... }` to
 * `/webhook/queue/publish/...`, `getStats` and `cancel` post `{ queueName, jobId, time }` to
 * `/webhook/queue/stats/...` and `/webhook/queue/cancel/...`, all on the gateway.
 *
 * A push answers 201. `validatePushAPIResponse` turns 202 into `PartialSuccessError` (with
 * `failedEvents` from the answer's `{ index, errorMessage }`), 405 into `InvocationLimitReachedError`
 * (the cyclic invocation limit), 413 into `PayloadTooBigError`, 429 into `RateLimitError` and anything
 * else into `InternalServerError`. The scenario plans 429, 500, 502, 503 and 504; on a push they mean:
 *
 * | planned | push answers |
 * |---|---|
 * | 429 | 429 rate limited |
 * | 500 | 500 |
 * | 502 | 202 partial success when the push has two or more events (the first half accepted), else 502 |
 * | 503 | 405 cyclic invocation limit reached |
 * | 504 | 413 payload too big |
 *
 * Every accepted push is an effect; a 202 is one too, for the events it accepted. `getStats` reports
 * a job's accepted events as succeeded; an unknown job is 404 (`JobDoesNotExistError`).
 */
import type { Operation } from '../../models/trace.js';
import { httpAnswer, type HttpAnswer } from './answer.js';
import { asRecord } from './kvs-wire.js';
import { messageFailure, plannedMessage, serviceFailure } from './planned.js';
import { fromStore, type PreparedRequest } from './prepared.js';
import type { SimulationContext, SurfaceSimulator } from './simulator.js';

/** Every queue call posts under this gateway path (the placeholders are filled in by the real proxy). */
export const QUEUE_PREFIX = '/webhook/queue/';

const PUSH_LIMITS: Readonly<Record<number, HttpAnswer>> = {
  503: httpAnswer(405, { message: 'The cyclic invocation limit of this event chain was reached (planned by forge-retry-harness)' }),
  504: httpAnswer(413, { errorMessage: 'The payload is too big (planned by forge-retry-harness)' }),
};

interface PushBody {
  readonly queueName?: unknown;
  readonly jobId?: unknown;
  readonly payload?: unknown;
}

const parse = (bodyText: string | undefined): Record<string, unknown> => {
  try {
    return asRecord(JSON.parse(bodyText ?? '{}'));
  } catch {
    // The SDK always sends JSON; anything else is recorded with what could be read.
    return {};
  }
};

/**
 * Parses one push. The recorded operation holds the queue and the events only: `jobId` and `time`
 * differ on every push, and keeping them would make two identical pushes look different to a
 * duplicate check.
 *
 * @example
 * preparePush('{"queueName":"q","payload":[{"body":{}}]}', ctx).operation // { surface: 'queue', name: 'push', target: 'q', value: '[{"body":{}}]' }
 */
export const preparePush = (bodyText: string | undefined, ctx: Pick<SimulationContext, 'platform'>): PreparedRequest => {
  const body: PushBody = parse(bodyText);
  const events = Array.isArray(body.payload) ? body.payload : [];
  const queue = String(body.queueName);
  const accept = (count: number): void => {
    ctx.platform.jobs.set(String(body.jobId), { queue, events: count, cancelled: false });
  };
  return {
    mutates: true,
    operation: { surface: 'queue', name: 'push', target: queue, value: JSON.stringify(body.payload) ?? 'undefined' },
    apply: () => {
      accept(events.length);
      return fromStore(httpAnswer(201, {}));
    },
    plannedFailure: (status) => {
      const limit = PUSH_LIMITS[status];
      if (limit !== undefined) return fromStore(limit);
      if (status !== 502 || events.length < 2) return undefined;
      const accepted = Math.ceil(events.length / 2);
      accept(accepted);
      const failedEvents = events.slice(accepted).map((_, i) => ({ index: String(accepted + i), errorMessage: plannedMessage(503) }));
      return { ...fromStore(httpAnswer(202, { failedEvents })), partialFailure: { failed: failedEvents.length, of: events.length, code: 'PARTIAL_SUCCESS' } };
    },
  };
};

const prepareJobCall = (name: 'get-stats' | 'cancel', bodyText: string | undefined, ctx: Pick<SimulationContext, 'platform'>): PreparedRequest => {
  const body = parse(bodyText);
  const jobId = String(body['jobId']);
  const operation: Operation = { surface: 'queue', name, target: String(body['queueName']), key: jobId };
  return {
    mutates: name === 'cancel',
    operation,
    apply: () => {
      const job = ctx.platform.jobs.get(jobId);
      if (job === undefined || job.queue !== String(body['queueName'])) return fromStore(httpAnswer(404, { message: `Job ${jobId} does not exist` }));
      if (name === 'cancel') {
        job.cancelled = true;
        return fromStore(httpAnswer(204));
      }
      return fromStore(httpAnswer(200, { success: job.cancelled ? 0 : job.events, inProgress: 0, failed: 0 }));
    },
  };
};

/** `Queue.push`, `getStats` and `cancel`. */
export const queueSimulator: SurfaceSimulator = {
  failure: serviceFailure(messageFailure),
  prepare: (request, ctx) => {
    const path = request.path.split('?', 1)[0] ?? '';
    if (path.startsWith(`${QUEUE_PREFIX}stats/`)) return prepareJobCall('get-stats', request.body, ctx);
    if (path.startsWith(`${QUEUE_PREFIX}cancel/`)) return prepareJobCall('cancel', request.body, ctx);
    if (path.startsWith(`${QUEUE_PREFIX}publish/`)) return preparePush(request.body, ctx);
    return {
      mutates: true,
      operation: { surface: 'queue', name: 'push', target: path },
      unsupported: `the queue call ${path}`,
      apply: () => fromStore(httpAnswer(501, { message: `forge-retry-harness does not simulate the queue call ${path}` })),
    };
  },
};
