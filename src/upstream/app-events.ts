/**
 * `appEvents.publish` of @forge/events 3.0.8 (read in node_modules/@forge/events/out/appEvents.js):
 * posts `{ events: [{ key }] }` to `/forge/events/v1/app-events` on the gateway and never throws: a
 * non-2xx answer becomes `{ type: 'error', errorType, errorMessage }` (429 `RATE_LIMIT`, 500
 * `SERVICE_ERROR`, 503 `SERVICE_UNAVAILABLE`, else `OTHER`), a 2xx `{ type: 'success', failedEvents }`.
 * So a handler that does not look at the result swallows the failure. Every publish that succeeds is
 * an effect (subscribers run again); a planned 502 on two or more events fails the second half of them
 * (`failedEvents`, a partial failure), as a publish that half went through.
 */
import { httpAnswer } from './answer.js';
import { asRecord } from './kvs-wire.js';
import { plannedMessage, productFailure, serviceFailure } from './planned.js';
import { fromStore } from './prepared.js';
import type { SurfaceSimulator } from './simulator.js';

/** The gateway path app events are published to. */
export const APP_EVENTS_PATH = '/forge/events/v1/app-events';

/** `appEvents.publish`. */
export const appEventsSimulator: SurfaceSimulator = {
  // getErrorMessage in appEvents.js reads Jira-style `errorMessages`.
  failure: serviceFailure(productFailure),
  prepare: (request) => {
    let body: Record<string, unknown> = {};
    try {
      body = asRecord(JSON.parse(request.body ?? '{}'));
    } catch {
      // The SDK always sends JSON; anything else is recorded with what could be read.
    }
    const events = Array.isArray(body['events']) ? (body['events'] as unknown[]) : [];
    const keys = events.map((e) => String(asRecord(e)['key']));
    return {
      mutates: true,
      operation: { surface: 'app-events', name: 'publish', keys, value: JSON.stringify(keys) },
      apply: () => fromStore(httpAnswer(200, { failedEvents: [] })),
      plannedFailure: (status) => {
        if (status !== 502 || events.length < 2) return undefined;
        const accepted = Math.ceil(events.length / 2);
        const failedEvents = events.slice(accepted).map((event) => ({ event, errorMessage: plannedMessage(503) }));
        return { ...fromStore(httpAnswer(200, { failedEvents })), partialFailure: { failed: failedEvents.length, of: events.length, code: 'PUBLISH_FAILED' } };
      },
    };
  },
};
