/**
 * The runner: fast-check generates scenarios, the driver plays each through the simulated runtime and
 * the delivery model, every trace is judged once against all selected properties, and the smallest
 * failing scenario comes back with its report and replay path.
 */
import fc from 'fast-check';
import type { Trace } from '../../models/trace.js';
import { scenarioArbitrary } from '../arbitraries/scenario.js';
import { HarnessUsageError } from '../api/errors.js';
import type { ResolvedOptions } from '../api/options.js';
import type { CheckFailure, CheckResult, ForgeHandler } from '../api/types.js';
import { drive } from '../driver.js';
import { formatFailure, formatHeadline, formatReplay } from '../report/report.js';
import type { Scenario } from '../scenario.js';
import { judge, type Finding } from './judge.js';
import { usageProblem } from './usage-problems.js';

/** Plays one scenario for one event. */
export const playScenario = (handler: ForgeHandler, options: ResolvedOptions, scenario: Scenario, event: unknown): Promise<Trace> =>
  drive({
    handler,
    regime: options.regime,
    rules: options.rules,
    event,
    scenario,
    ...(options.upstream !== undefined ? { upstream: options.upstream } : {}),
    timeoutSeconds: options.timeoutSeconds,
    maxDeliveries: options.maxDeliveries,
    consumerShape: options.consumerShape,
    functionKey: options.functionKey,
  });

const replayExtras = (options: ResolvedOptions): Record<string, string> =>
  options.regime === 'async-event' ? { trigger: "'async-event'" } : {};

/** Turns the findings on one trace into failures with reports. */
export const toFailures = (
  handler: ForgeHandler,
  options: ResolvedOptions,
  trace: Trace,
  findings: readonly Finding[],
  path: string,
): CheckFailure[] => {
  const replay = { seed: options.seed, path };
  const replayText = formatReplay(handler.name, options.seed, path, replayExtras(options));
  return findings.map((f) => ({
    property: f.property,
    message: f.violation.message,
    expected: f.violation.expected,
    received: f.violation.received,
    hint: f.violation.hint,
    trace,
    replay,
    report: formatFailure({ property: f.property, violation: f.violation, trace, replay: replayText }),
  }));
};

/** Builds the result of a check from its failures. */
export const toResult = (options: ResolvedOptions, runs: number, shrinks: number, failures: readonly CheckFailure[]): CheckResult => ({
  passed: failures.length === 0,
  runs,
  seed: options.seed,
  shrinks,
  failures,
  report: failures.length === 0 ? '' : [formatHeadline(failures.map((f) => f.property), runs, shrinks), ...failures.map((f) => f.report)].join('\n'),
});

/**
 * Runs a sampled check: `numRuns` generated scenarios (or the one at `path`), shrinking the first
 * failure. Never rejects for a failing handler; rejects with HarnessUsageError when the handler uses
 * something the harness cannot judge.
 */
export const runSampledCheck = async (handler: ForgeHandler, options: ResolvedOptions): Promise<CheckResult> => {
  let usage: HarnessUsageError | undefined;
  const property = fc.asyncProperty(scenarioArbitrary({ regime: options.regime }), options.event, async (scenario, event) => {
    if (usage !== undefined) return true;
    const trace = await playScenario(handler, options, scenario, event);
    const problem = usageProblem(trace);
    if (problem !== undefined) {
      usage = problem;
      return true;
    }
    return judge(trace, options.properties, options.settings).length === 0;
  });
  const details = await fc.check(property, {
    seed: options.seed,
    numRuns: options.numRuns,
    endOnFailure: !options.shrink,
    ...(options.path !== undefined ? { path: options.path } : {}),
  });
  if (usage !== undefined) throw usage;
  if (!details.failed) return toResult(options, details.numRuns, 0, []);
  if (details.counterexample === null || details.counterexamplePath === null) {
    throw (details.errorInstance as unknown) instanceof Error
      ? details.errorInstance
      : new Error(`forge-retry-harness: the check failed without a counterexample: ${String(details.errorInstance)}`);
  }
  const [scenario, event] = details.counterexample;
  const trace = await playScenario(handler, options, scenario, event);
  const findings = judge(trace, options.properties, options.settings);
  if (findings.length === 0) {
    throw new Error(
      `forge-retry-harness: the handler failed scenario ${details.counterexamplePath} once and passed it on replay; ` +
        'it is not deterministic under the harness (does it keep state in module variables between runs, or read real time?)',
    );
  }
  return toResult(options, details.numRuns, details.numShrinks, toFailures(handler, options, trace, findings, details.counterexamplePath));
};
