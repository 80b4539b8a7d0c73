/** Planned upstream responses: mostly fine, with 429s, 5xx and network errors often enough to matter. */
import fc from 'fast-check';
import type { FailureStatus, PlannedResponse } from './types.js';
import { rateLimitHeaders, serverErrorHeaders } from './headers.js';

/** A planned failure: a 429 with rate-limit headers, a 5xx, or a network error. */
export const plannedFailure = (): fc.Arbitrary<PlannedResponse> =>
  fc.oneof(
    { weight: 6, arbitrary: rateLimitHeaders().map((headers): PlannedResponse => ({ kind: 'status', status: 429, headers })) },
    {
      weight: 3,
      arbitrary: fc
        .tuple(fc.constantFrom<FailureStatus>(500, 502, 503, 504), serverErrorHeaders())
        .map(([status, headers]): PlannedResponse => ({ kind: 'status', status, headers })),
    },
    { weight: 1, arbitrary: fc.constant<PlannedResponse>({ kind: 'network-error' }) },
  );

/** Any planned response; `ok` first so that shrinking heads for calm. */
export const plannedResponse = (): fc.Arbitrary<PlannedResponse> =>
  fc.oneof({ weight: 3, arbitrary: fc.constant<PlannedResponse>({ kind: 'ok' }) }, { weight: 2, arbitrary: plannedFailure() });
