/**
 * The corpus sweep, written once: every buggy handler must fail exactly its named property within 100 (or its numRuns)
 * runs on every seed (with strictAssumptions; one whose bug rests on an undocumented rule must be a warning
 * naming it without), and every correct handler must pass every property on every seed. `npm test`
 * sweeps {@link QUICK_SEEDS}; `npm run test:full` (test/full/) sweeps twenty.
 *
 * @example
 * sweepCorpus('platform', { buggy: PLATFORM_BUGGY, correct: PLATFORM_CORRECT }, seedsUpTo(3));
 */
import { describe, expect, it } from 'vitest';
import { checkRetrySemantics } from '../../src/index.js';
import type { BuggyCase, CorrectCase } from '../handlers/index.js';

/** Seeds 1..n. */
export const seedsUpTo = (n: number): readonly number[] => Array.from({ length: n }, (_, i) => i + 1);

/**
 * The seeds of `npm test`'s sweeps: one, so that every corpus handler is checked in a developer's loop
 * under two minutes; seed diversity is test:full's job (twenty seeds, also run by CI).
 */
export const QUICK_SEEDS: readonly number[] = seedsUpTo(1);

/** Registers the sweep of one corpus over `seeds`: one test per handler and seed, so each has its own time guard and names its seed. */
export const sweepCorpus = (
  label: string,
  corpus: { readonly buggy: readonly BuggyCase[]; readonly correct: readonly CorrectCase[] },
  seeds: readonly number[],
): void => {
  describe(`${label} handlers that really have the bug`, () => {
    for (const c of corpus.buggy) {
      for (const seed of seeds) {
        it(`${c.name}: fails "${c.property}" within ${c.options?.numRuns ?? 100} runs on seed ${seed}`, async () => {
          const result = await checkRetrySemantics(c.handler, { ...c.options, seed, properties: [c.property], shrink: false, strictAssumptions: true });
          expect({ seed, passed: result.passed }).toEqual({ seed, passed: false });
          expect(result.failures.map((f) => f.property)).toEqual([c.property]);
          expect(result.runs).toBeLessThanOrEqual(c.options?.numRuns ?? 100);
          if (c.restsOn === undefined) return;
          // By default a finding that rests on an undocumented rule is a warning naming it, not a failure.
          const lenient = await checkRetrySemantics(c.handler, { ...c.options, seed, properties: [c.property], shrink: false });
          expect({ seed, verdict: lenient.verdict, passed: lenient.passed }).toEqual({ seed, verdict: 'warned', passed: true });
          expect(lenient.warnings.map((w) => w.assumptions?.only)).toEqual([expect.stringContaining(`fails only if ${c.restsOn} is`)]);
        });
      }
    }
  });

  describe(`${label} handlers that really do not have the bugs`, () => {
    for (const c of corpus.correct) {
      for (const seed of seeds) {
        it(`${c.name}: passes every property on seed ${seed}`, async () => {
          const result = await checkRetrySemantics(c.handler, { ...c.options, seed });
          expect({ seed, report: result.report }).toEqual({ seed, report: '' });
          // A correct handler that does real work is judged: passed, never inconclusive; one that gives
          // nothing to judge is inconclusive with its reason, never passed.
          expect({ seed, verdict: result.verdict, reason: result.inconclusive?.reason }).toEqual({
            seed,
            verdict: c.inconclusive === undefined ? 'passed' : 'inconclusive',
            reason: c.inconclusive,
          });
          expect(result.runs).toBe(100);
        });
      }
    }
  });
};
