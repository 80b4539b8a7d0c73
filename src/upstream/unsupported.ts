/**
 * A call the runtime could not place on any surface: refused with an error naming it, and recorded as
 * an `unsupported-surface` issue, so the check stops with a usage error instead of a made-up verdict.
 */
import { httpAnswer } from './answer.js';
import { httpFailure, productFailure } from './planned.js';
import type { SurfaceSimulator } from './simulator.js';

/** Refuses every call. */
export const unsupportedSimulator: SurfaceSimulator = {
  failure: httpFailure(productFailure),
  prepare: (request) => {
    const what = request.unsupported ?? `${request.method} ${request.path}`;
    return {
      mutates: true,
      unsupported: request.unsupportedFix === undefined ? what : { detail: what, fix: request.unsupportedFix },
      apply: () => ({
        answer: httpAnswer(501, { code: 'UNSUPPORTED_BY_HARNESS', message: `forge-retry-harness does not simulate ${what}` }),
        source: 'default',
      }),
    };
  },
};
