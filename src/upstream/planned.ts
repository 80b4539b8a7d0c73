/**
 * Planned upstream failures (DeliveryPlan.responses / DeliveryPlan.storage) as answers. Bodies follow
 * each surface's own error format so that the SDK in front of it raises its own error class.
 */
import type { UpstreamSurface } from '../../models/trace.js';
import type { PlannedResponse } from '../scenario/types.js';
import { httpAnswer, type Answer } from './answer.js';

/** Surfaces whose failures come from `DeliveryPlan.storage`; all others use `DeliveryPlan.responses`. */
export const STORAGE_SURFACES: ReadonlySet<UpstreamSurface> = new Set(['kvs', 'storage', 'sql']);

const KVS_CODES: Readonly<Record<number, string>> = {
  429: 'RATE_LIMIT_EXCEEDED',
  500: 'INTERNAL_SERVER_ERROR',
  502: 'BAD_GATEWAY',
  503: 'SERVICE_UNAVAILABLE',
  504: 'GATEWAY_TIMEOUT',
};

const failureBody = (surface: UpstreamSurface, status: number): unknown => {
  const message = status === 429 ? 'Rate limit exceeded (planned by forge-retry-harness)' : `Upstream error ${status} (planned by forge-retry-harness)`;
  switch (surface) {
    case 'kvs':
    case 'sql':
      // @forge/kvs raises ForgeKvsAPIError with this code only when the body has { code, message }.
      return { code: KVS_CODES[status] ?? 'UNKNOWN_ERROR', message };
    case 'queue':
      return { message };
    case 'graph':
    case 'storage':
      return { errors: [{ message, extensions: { statusCode: status } }] };
    default:
      return { errorMessages: [message], errors: {} };
  }
};

/**
 * The answer for a planned failure, or undefined for a planned `ok`.
 *
 * @example
 * plannedAnswer({ kind: 'status', status: 429, headers: { 'Retry-After': '5' } }, 'jira')?.kind // 'http'
 */
export const plannedAnswer = (planned: PlannedResponse, surface: UpstreamSurface): Answer | undefined => {
  switch (planned.kind) {
    case 'ok':
      return undefined;
    case 'network-error':
      return { kind: 'network-error', message: 'fetch failed' };
    case 'status':
      return httpAnswer(planned.status, failureBody(surface, planned.status), planned.headers);
  }
};
