/**
 * The `--json` output: one object per handler, stable field order, no traces (they are in the report).
 * Its shape is schema/report.schema.json, shipped in the package; `merge` reads it back.
 */
import type { Trigger } from '../../models/codes.js';
import type { CoverageStatistics, Replay } from '../api/types.js';
import type { ReplayModule } from '../runtime/handler-module.js';
import type { Problem } from './errors.js';
import type { HandlerOutcome, OutcomeFailure, OutcomeResult, OutcomeWalkPart } from './handler-outcome.js';
import type { tally } from './handler-outcome.js';
import { targetHandler, targetModule, targetName } from './target.js';

/** One handler in the JSON output. */
export interface JsonHandler {
  readonly module: string;
  readonly moduleType: 'trigger' | 'consumer' | 'file';
  readonly handler: string;
  readonly name: string;
  readonly regime: Trigger;
  /** `warned`: findings hold only under some plausible assumptions; `inconclusive`: nothing was judged. */
  readonly status: 'passed' | 'failed' | 'warned' | 'inconclusive' | 'error' | 'skipped';
  readonly passed: boolean;
  readonly runs: number;
  readonly seed: number | null;
  readonly properties: readonly string[];
  readonly failures: readonly JsonFinding[];
  /** Findings that hold only under some plausible values of the assumptions they rest on. */
  readonly warnings: readonly JsonFinding[];
  /** Why the whole check is inconclusive, and what to supply; only when status is `inconclusive`. */
  readonly inconclusive?: JsonInconclusive;
  /** What the check could not simulate, and what to supply; only when there is something (see `CheckResult.notes`). */
  readonly notes?: readonly string[];
  /** Each judged property's verdict; empty when not checked. */
  readonly verdicts: readonly {
    readonly property: string;
    readonly verdict: 'passed' | 'failed' | 'warned' | 'inconclusive';
    readonly inconclusive?: JsonInconclusive;
  }[];
  /** What the runs reached (null when not checked). */
  readonly statistics: CoverageStatistics | null;
  /** Why the handler could not be checked, or was skipped. */
  readonly error?: string;
  /** A trigger's event (one entry per event of its `events:`). */
  readonly eventType?: string;
  /** Where the handler's event or queue body came from. */
  readonly input?: string;
  /** Only in a `--shard I/N --split-walks` job's output: its part of the handler's exhaustive walk, which `merge` joins. */
  readonly walkPart?: OutcomeWalkPart;
}

/** Why nothing was judged, and what to supply. */
export interface JsonInconclusive {
  readonly reason: string;
  readonly supply: string;
}

/** One finding (a failure or a warning) in the JSON output. */
export interface JsonFinding {
  readonly property: string;
  readonly message: string;
  readonly expected: string;
  readonly received: string;
  readonly hint: string;
  /** The options of the text report's replay line: pass them (with the handler) to the API to replay the finding. */
  readonly replay: JsonReplay;
  /** Set when the finding rests on assumed rules: how it fared under their plausible values. */
  readonly assumptions?: {
    readonly rules: readonly string[];
    /** "fails only if ..."; '' when it holds under every combination judged. */
    readonly only: string;
    readonly holdsUnder: number;
    readonly total: number;
    readonly capped: boolean;
  };
  readonly report: string;
}

/** A finding's replay as data: the API's `Replay`, its module always a file (the CLI loads no user loader). */
export type JsonReplay = Omit<Replay, 'module'> & { readonly module?: Extract<ReplayModule, { readonly file: string }> };

/**
 * The replay of a finding as JSON data: every option of the text replay line, in its order after seed and
 * path. A loader module (API only) is a function, which JSON cannot hold: it is left out.
 */
export const jsonReplay = (replay: Replay): JsonReplay => {
  const { module, ...rest } = replay;
  return module === undefined || 'load' in module ? rest : { ...rest, module };
};

/** What a `--shard` run adds to its JSON, so that `merge` can check the shards fit and restore the order. */
export interface JsonShard {
  /** 1-based. */
  readonly index: number;
  readonly count: number;
  /** Where this shard's handlers stand (0-based) in the unsharded report, one per entry of `handlers`. */
  readonly positions: readonly number[];
  /** Every handler of the unsharded run, as `module handler`, in its order: the same in every shard. */
  readonly plan: readonly string[];
  /** The command-line settings that decide results; every shard of one run has the same. */
  readonly settings: JsonShardSettings;
}

/** The flags that change what a check finds (null: not given). */
export interface JsonShardSettings {
  readonly seed: number | null;
  readonly numRuns: number | null;
  readonly properties: readonly string[] | null;
  readonly skip: readonly string[];
  readonly exhaustive: boolean;
  readonly strictAssumptions: boolean;
  /** `--split-walks`; absent when not given, as in the output of versions before it. */
  readonly splitWalks?: true;
}

/** The whole JSON document. */
export interface JsonOutput {
  readonly passed: boolean;
  readonly summary: JsonSummary;
  readonly handlers: readonly JsonHandler[];
  /** Only in the output of a `--shard` run. */
  readonly shard?: JsonShard;
  /** Only when the run could not start (bad flag, manifest or config problem): each problem and its fix. */
  readonly errors?: readonly { readonly what: string; readonly fix: string }[];
}

/** The counts of the summary line. */
export type JsonSummary = ReturnType<typeof tally>;

const findingJson = (f: OutcomeFailure): JsonFinding => ({
  property: f.property,
  message: f.message,
  expected: f.expected,
  received: f.received,
  hint: f.hint,
  replay: jsonReplay(f.replay),
  ...(f.assumptions !== undefined
    ? {
        assumptions: {
          rules: f.assumptions.rules,
          only: f.assumptions.only,
          holdsUnder: f.assumptions.holdsUnder.length,
          total: f.assumptions.total,
          capped: f.assumptions.capped,
        },
      }
    : {}),
  report: f.report,
});

const NOT_CHECKED = { failures: [], warnings: [], verdicts: [], statistics: null } as const;

/** The fields of a handler's entry that name it, in their order: what every outcome's entry starts with. */
export type JsonHandlerBase = Pick<JsonHandler, 'module' | 'moduleType' | 'handler' | 'name' | 'regime' | 'eventType' | 'input'>;

/** The naming fields of an entry already in JSON form (for `merge`), in their order. */
export const jsonBaseOf = (h: JsonHandler): JsonHandlerBase => ({
  module: h.module,
  moduleType: h.moduleType,
  handler: h.handler,
  name: h.name,
  regime: h.regime,
  ...(h.eventType !== undefined ? { eventType: h.eventType } : {}),
  ...(h.input !== undefined ? { input: h.input } : {}),
});

/**
 * A checked handler's entry from its naming fields and its result: the one place its field order is
 * set, for this process's outcomes and for the split walks `merge` joins.
 */
export const checkedJson = (
  base: JsonHandlerBase,
  properties: readonly string[],
  result: Omit<OutcomeResult, 'report' | 'shrinks'>,
  walkPart?: OutcomeWalkPart,
): JsonHandler => ({
  ...base,
  status: result.verdict,
  passed: result.passed,
  runs: result.runs,
  seed: result.seed,
  properties,
  failures: result.failures.map(findingJson),
  warnings: result.warnings.map(findingJson),
  ...(result.inconclusive !== undefined ? { inconclusive: result.inconclusive } : {}),
  ...(result.notes.length > 0 ? { notes: result.notes } : {}),
  verdicts: result.properties,
  statistics: result.statistics,
  ...(walkPart !== undefined ? { walkPart } : {}),
});

const toJson = (o: HandlerOutcome): JsonHandler => {
  const base: JsonHandlerBase = {
    module: targetModule(o.target),
    moduleType: o.target.source.kind,
    handler: targetHandler(o.target),
    name: targetName(o.target),
    regime: o.target.options.trigger ?? 'product-event',
    ...(o.target.source.kind === 'trigger' ? { eventType: o.target.source.eventType } : {}),
    ...(o.target.input === undefined ? {} : { input: o.target.input }),
  };
  switch (o.kind) {
    case 'skipped':
      return { ...base, status: 'skipped', passed: true, runs: 0, seed: null, properties: [], ...NOT_CHECKED, error: o.reason };
    case 'error':
      return { ...base, status: 'error', passed: false, runs: 0, seed: null, properties: o.properties, ...NOT_CHECKED, error: o.message };
    case 'checked':
      return checkedJson(base, o.properties, o.result, o.walkPart);
  }
};

/** The summary of handlers already in JSON form, counted as `tally` counts outcomes (for `merge`). */
export const tallyJson = (handlers: readonly JsonHandler[]): JsonSummary => ({
  checked: handlers.filter((h) => h.status !== 'skipped').length,
  passed: handlers.filter((h) => h.status === 'passed').length,
  failed: handlers.filter((h) => h.status === 'failed').length,
  warned: handlers.filter((h) => h.status === 'warned').length,
  inconclusive: handlers.filter((h) => h.status === 'inconclusive').length,
  errors: handlers.filter((h) => h.status === 'error').length,
  skipped: handlers.filter((h) => h.status === 'skipped').length,
});

/** The JSON document of handlers already in JSON form: the one serialisation both the run and `merge` use. */
export const renderJsonDocument = (handlers: readonly JsonHandler[], shard?: JsonShard, errors?: readonly Problem[]): string => {
  const summary = tallyJson(handlers);
  const output: JsonOutput = {
    passed: summary.failed === 0 && summary.errors === 0 && (errors ?? []).length === 0,
    summary,
    handlers,
    ...(shard === undefined ? {} : { shard }),
    ...(errors === undefined ? {} : { errors: errors.map(({ what, fix }) => ({ what, fix })) }),
  };
  return `${JSON.stringify(output, null, 2)}\n`;
};

/** The `--json` document of a run that could not start: no handlers, and why. */
export const formatJsonProblems = (problems: readonly Problem[]): string => renderJsonDocument([], undefined, problems);

/** Renders the `--json` document; a `--shard` run passes its shard. */
export const formatJson = (outcomes: readonly HandlerOutcome[], shard?: JsonShard): string => renderJsonDocument(outcomes.map(toJson), shard);
