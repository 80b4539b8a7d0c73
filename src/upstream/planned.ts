/**
 * Planned upstream failures (DeliveryPlan.responses / DeliveryPlan.storage) as answers, and the error
 * formats the surfaces' failures come in. Each simulator picks its format and the headers its surface
 * really sends, so the SDK in front of it raises its own error class.
 */
import type { PlannedResponse } from '../scenario/types.js';
import { httpAnswer, type Answer } from './answer.js';
import type { SurfaceSimulator } from './simulator.js';

const FORGE_SERVICE_CODES: Readonly<Record<number, string>> = {
  429: 'RATE_LIMIT_EXCEEDED',
  500: 'INTERNAL_SERVER_ERROR',
  502: 'BAD_GATEWAY',
  503: 'SERVICE_UNAVAILABLE',
  504: 'GATEWAY_TIMEOUT',
};

/** A body format for a planned failure. */
export type FailureFormat = (status: number, message: string) => unknown;

/**
 * The message every planned failure carries, so a report reader can tell it from a real one.
 *
 * @example
 * plannedMessage(503) // 'Upstream error 503 (planned by forge-retry-harness)'
 */
export const plannedMessage = (status: number): string =>
  status === 429 ? 'Rate limit exceeded (planned by forge-retry-harness)' : `Upstream error ${status} (planned by forge-retry-harness)`;

/**
 * Atlassian product REST errors (Jira's `errorMessages` shape); also used for external hosts.
 *
 * @example
 * productFailure(503, 'down') // { errorMessages: ['down'], errors: {} }
 */
export const productFailure: FailureFormat = (_status, message) => ({ errorMessages: [message], errors: {} });

/**
 * GraphQL errors, as the gateway and legacy storage send them.
 *
 * @example
 * graphQlFailure(429, 'slow down') // { errors: [{ message: 'slow down', extensions: { statusCode: 429 } }] }
 */
export const graphQlFailure: FailureFormat = (status, message) => ({ errors: [{ message, extensions: { statusCode: status } }] });

/**
 * Forge service errors `{ code, message }`: @forge/kvs and @forge/sql raise their API error with the
 * code only when the body has this shape.
 *
 * @example
 * forgeServiceFailure(429, 'slow down') // { code: 'RATE_LIMIT_EXCEEDED', message: 'slow down' }
 */
export const forgeServiceFailure: FailureFormat = (status, message) => ({ code: FORGE_SERVICE_CODES[status] ?? 'UNKNOWN_ERROR', message });

/**
 * A bare `{ message }`, as the queue publisher sends it.
 *
 * @example
 * messageFailure(500, 'oops') // { message: 'oops' }
 */
export const messageFailure: FailureFormat = (_status, message) => ({ message });

/**
 * A planned failure on an HTTP surface: the format, with the planned headers as generated (Jira's
 * rate-limit headers on a 429, Retry-After on some 5xx).
 *
 * @example
 * const jiraFailure = httpFailure(productFailure);
 */
export const httpFailure =
  (format: FailureFormat): SurfaceSimulator['failure'] =>
  (status, headers) =>
    httpAnswer(status, format(status, plannedMessage(status)), headers);

/**
 * A planned failure on a Forge service behind an SDK (KVS, SQL, the event and app-event publishers):
 * the format without the planned headers, which are Jira's and which these services do not send.
 *
 * @example
 * const kvsFailure = serviceFailure(forgeServiceFailure);
 */
export const serviceFailure =
  (format: FailureFormat): SurfaceSimulator['failure'] =>
  (status) =>
    httpAnswer(status, format(status, plannedMessage(status)));

/**
 * The answer for a planned failure on a surface, or undefined for a planned `ok`.
 *
 * @example
 * plannedAnswer({ kind: 'status', status: 429, headers: { 'Retry-After': '5' } }, jiraSimulator)?.kind // 'http'
 */
export const plannedAnswer = (planned: PlannedResponse, simulator: SurfaceSimulator): Answer | undefined => {
  switch (planned.kind) {
    case 'ok':
      return undefined;
    case 'network-error':
      return { kind: 'network-error', message: 'fetch failed' };
    case 'status':
      return simulator.failure(planned.status, planned.headers);
  }
};
