/** Platform faults injected into a delivery: a crash mid-request (effect applied or lost) or a refusal. */
import fc from 'fast-check';
import type { InjectedFault } from '../../models/trace.js';

/** A platform fault for one delivery. */
export const injectedFault = (): fc.Arbitrary<InjectedFault> =>
  fc.oneof(
    {
      weight: 4,
      arbitrary: fc
        .record({
          fault: fc.constantFrom('timeout' as const, 'out-of-memory' as const),
          request: fc.integer({ min: 1, max: 3 }),
          effect: fc.constantFrom('applied' as const, 'not-applied' as const),
        })
        .map((f): InjectedFault => ({ kind: 'crash-at-request', ...f })),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom('platform-rate-limited' as const, 'platform-unknown-error' as const)
        .map((fault): InjectedFault => ({ kind: 'refused', fault })),
    },
  );
