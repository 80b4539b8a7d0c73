/**
 * Planned upstream failures (DeliveryPlan.responses / DeliveryPlan.storage) as answers, and the error
 * formats the surfaces' failures come in. Each simulator picks its format, so the SDK in front of it
 * raises its own error class.
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

/**
 * Atlassian product REST errors (Jira's `errorMessages` shape); also used for external hosts.
 *
 * @example
 * productFailure(503, 'down') // { errorMessages: ['down'], errors: {} }
 */
export const productFailure = (_status: number, message: string): unknown => ({ errorMessages: [message], errors: {} });

/**
 * GraphQL errors, as the gateway and legacy storage send them.
 *
 * @example
 * graphQlFailure(429, 'slow down') // { errors: [{ message: 'slow down', extensions: { statusCode: 429 } }] }
 */
export const graphQlFailure = (status: number, message: string): unknown => ({ errors: [{ message, extensions: { statusCode: status } }] });

/**
 * Forge service errors `{ code, message }`: @forge/kvs raises ForgeKvsAPIError with the code only when
 * the body has this shape.
 *
 * @example
 * forgeServiceFailure(429, 'slow down') // { code: 'RATE_LIMIT_EXCEEDED', message: 'slow down' }
 */
export const forgeServiceFailure = (status: number, message: string): unknown => ({ code: FORGE_SERVICE_CODES[status] ?? 'UNKNOWN_ERROR', message });

/**
 * A bare `{ message }`, as the queue publisher sends it.
 *
 * @example
 * messageFailure(500, 'oops') // { message: 'oops' }
 */
export const messageFailure = (_status: number, message: string): unknown => ({ message });

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
    case 'status': {
      const message =
        planned.status === 429 ? 'Rate limit exceeded (planned by forge-retry-harness)' : `Upstream error ${planned.status} (planned by forge-retry-harness)`;
      return httpAnswer(planned.status, simulator.failureBody(planned.status, message), planned.headers);
    }
  }
};
