/**
 * The default check (issue 11, "search that finds first-request bugs"): a short exhaustive walk first,
 * then sampling. Sampling spreads its faults over every request of every delivery, so a handler that
 * swallows a failure of its very first request (often its only storage read) is met by chance in
 * perhaps one run of twenty; the walk's first level plays exactly those schedules (each fault once, on
 * the first request of the first delivery), in a handful of runs. Sampling then goes on for every
 * property the walk did not already find violated, with what is left of `numRuns`: the walk's schedules
 * count as runs, so a default check costs what it cost before (100 runs) and a passing one still reports
 * exactly `numRuns` runs. Below {@link PRE_WALK_MIN_RUNS} runs there is no room for it and the check
 * only samples, as before.
 */
import type { ForgeHandler } from '../runtime/handler-call.js';
import { runExhaustiveCheck } from './exhaustive.js';
import type { ResolvedOptions } from './resolved-options.js';
import type { CheckResult } from './results.js';
import { runSampledCheck, toResult } from './sampled.js';

/**
 * Deliveries the walk before sampling covers: one walks every single-fault first delivery (about ten
 * schedules with their duplicates); two would add every pair (dozens more) for little that sampling's
 * streaks do not already reach.
 */
export const PRE_WALK_DEPTH = 1;

/** The smallest `numRuns` that gets the walk: at depth 1 it plays at most 14 schedules (7 steps, each with its duplicate). */
export const PRE_WALK_MIN_RUNS = 50;

/**
 * Walks the small scope to {@link PRE_WALK_DEPTH}, then samples the rest of `numRuns` for the properties
 * the walk did not find violated. Runs = schedules walked + scenarios sampled.
 *
 * @example
 * const result = await runDefaultCheck(handler, options); // result.runs includes the walk
 */
export const runDefaultCheck = async (handler: ForgeHandler, options: ResolvedOptions): Promise<CheckResult> => {
  if (options.numRuns < PRE_WALK_MIN_RUNS) return runSampledCheck(handler, options);
  const walked = await runExhaustiveCheck(handler, options, PRE_WALK_DEPTH);
  const failed = new Set(walked.failures.map((f) => f.property));
  const remaining = options.properties.filter((p) => !failed.has(p.id));
  const sampled =
    remaining.length === 0
      ? undefined
      : await runSampledCheck(
          handler,
          { ...options, properties: remaining, numRuns: options.numRuns - walked.runs },
          undefined,
          options.properties.map((p) => p.id),
        );
  // A sampled failure was found after the walk's runs too: its count says so, as the headline reports it.
  const failures = [...walked.failures, ...(sampled?.failures ?? []).map((f) => ({ ...f, runs: f.runs + walked.runs }))];
  const order = options.properties.map((p) => p.id);
  failures.sort((a, b) => order.indexOf(a.property) - order.indexOf(b.property));
  return toResult(options, walked.runs + (sampled?.runs ?? 0), failures);
};
