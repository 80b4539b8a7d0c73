/** The `--json` output: one object per handler, stable field order, no traces (they are in the report). */
import type { HandlerOutcome } from './handler-outcome.js';
import { tally } from './handler-outcome.js';
import { targetHandler, targetModule, targetName } from './target.js';

/** One handler in the JSON output. */
export interface JsonHandler {
  readonly module: string;
  readonly moduleType: 'trigger' | 'consumer' | 'file';
  readonly handler: string;
  readonly name: string;
  readonly regime: 'product-event' | 'async-event';
  readonly status: 'passed' | 'failed' | 'error' | 'skipped';
  readonly passed: boolean;
  readonly runs: number;
  readonly seed: number | null;
  readonly properties: readonly string[];
  readonly failures: readonly {
    readonly property: string;
    readonly message: string;
    readonly expected: string;
    readonly received: string;
    readonly hint: string;
    readonly replay: { readonly seed: number; readonly path: string };
    readonly report: string;
  }[];
  /** Why the handler could not be checked, or was skipped. */
  readonly error?: string;
}

/** The whole JSON document. */
export interface JsonOutput {
  readonly passed: boolean;
  readonly summary: ReturnType<typeof tally>;
  readonly handlers: readonly JsonHandler[];
}

const toJson = (o: HandlerOutcome): JsonHandler => {
  const base = {
    module: targetModule(o.target),
    moduleType: o.target.source.kind,
    handler: targetHandler(o.target),
    name: targetName(o.target),
    regime: o.target.options.trigger ?? 'product-event',
  } as const;
  switch (o.kind) {
    case 'skipped':
      return { ...base, status: 'skipped', passed: true, runs: 0, seed: null, properties: [], failures: [], error: o.reason };
    case 'error':
      return { ...base, status: 'error', passed: false, runs: 0, seed: null, properties: o.properties, failures: [], error: o.message };
    case 'checked':
      return {
        ...base,
        status: o.result.passed ? 'passed' : 'failed',
        passed: o.result.passed,
        runs: o.result.runs,
        seed: o.result.seed,
        properties: o.properties,
        failures: o.result.failures.map((f) => ({
          property: f.property,
          message: f.message,
          expected: f.expected,
          received: f.received,
          hint: f.hint,
          replay: { seed: f.replay.seed, path: f.replay.path },
          report: f.report,
        })),
      };
  }
};

/** Renders the `--json` document. */
export const formatJson = (outcomes: readonly HandlerOutcome[]): string => {
  const summary = tally(outcomes);
  const output: JsonOutput = { passed: summary.failed === 0 && summary.errors === 0, summary, handlers: outcomes.map(toJson) };
  return `${JSON.stringify(output, null, 2)}\n`;
};
