/**
 * The failure report, after fast-check's formatter and msw's unhandled-request message: a one-line
 * headline, the timeline, expected and received, the assumptions it rests on, how to replay, a hint,
 * and the platform rule the property stands on (msw's "Read more"), read from the catalog.
 * Nothing in it depends on the real clock or on stack traces, so the same seed gives the same bytes.
 */
import { MAX_ASSUMPTION_COMBINATIONS } from '../../models/assumption-combinations.js';
import type { AssumedRule } from '../../models/rules.js';
import type { Trace } from '../../models/trace.js';
import { propertyById, type PropertyId } from '../../properties/catalog.js';
import type { Violation } from '../../properties/types.js';
import { renderValue } from '../../models/render-value.js';
import { formatMessage } from '../messages/format.js';
import { renderTimeline } from './timeline.js';

/** What the report of one violated property needs. */
export interface FailureReportInput {
  readonly property: PropertyId;
  readonly violation: Violation;
  readonly trace: Trace;
  /** How to replay, already rendered: `assertRetrySemantics(run, { seed: 1, path: "0" })`. */
  readonly replay: string;
  /** How the finding fared under the plausible values of the assumptions it rests on. */
  readonly assumptions?: {
    readonly rules: readonly AssumedRule[];
    readonly only: string;
    readonly holdsUnder: readonly unknown[];
    readonly total: number;
    readonly capped: boolean;
  };
  /** The event was generated (the user gave an arbitrary): show the one this run got. @defaultValue false */
  readonly showEvent?: boolean;
  /** Show the handler's console output of each delivery (`showConsole`). @defaultValue false */
  readonly showConsole?: boolean;
}

/** How much of a generated event a report line shows. */
const EVENT_MAX = 300;

const consoleLines = (trace: Trace): string[] => {
  const lines = trace.deliveries.flatMap((d) => (d.console ?? []).map((line) => `delivery ${d.number}  ${line}`));
  return lines.length === 0 ? ['(the handler wrote nothing to the console)'] : lines;
};

const label = (name: string): string => `  ${name.padEnd(12)}`;

const judgedCount = (robust: { readonly total: number; readonly capped: boolean }): number => (robust.capped ? MAX_ASSUMPTION_COMBINATIONS : robust.total);

const assumptionsOf = (trace: Trace): AssumedRule[] => {
  const seen = new Set<AssumedRule>();
  for (const d of trace.deliveries) {
    if (d.decision.kind === 'redeliver') continue;
    for (const a of d.decision.assumptions) seen.add(a);
  }
  return [...seen].sort();
};

/** The report block of one violated property (without the headline). */
export const formatFailure = (input: FailureReportInput): string => {
  const { violation: v, trace } = input;
  const lines = [
    `  property "${input.property}": ${v.message}`,
    ...(input.showEvent === true ? [`${label('event')}${renderValue(trace.event, EVENT_MAX)}`] : []),
    ...renderTimeline(trace, { delivery: v.delivery, ...(v.request !== undefined ? { request: v.request } : {}) }),
    `${label('expected')}${v.expected}`,
    `${label('received')}${v.received}`,
  ];
  if (input.showConsole === true) lines.push(...consoleLines(trace).map((line, i) => `${label(i === 0 ? 'console' : '')}${line}`));
  const assumed = assumptionsOf(trace);
  if (assumed.length > 0) {
    lines.push(`${label('assumes')}${assumed.map((a) => `${a}=${renderValue(trace.rules[a], 60)}`).join(', ')} (undocumented; override with \`rules\`)`);
  }
  const robust = input.assumptions;
  if (robust !== undefined) {
    const judged = robust.capped
      ? `${robust.holdsUnder.length} of the first ${judgedCount(robust)} of ${robust.total} combinations (capped)`
      : `${robust.holdsUnder.length} of ${robust.total} combinations`;
    lines.push(
      robust.only === ''
        ? `${label('robust')}holds under every plausible value of ${robust.rules.join(', ')} (${judged})`
        : `${label('warning')}${robust.only}: holds under ${judged}; a warning, not a failure, unless strictAssumptions`,
    );
  }
  lines.push(`${label('replay')}${input.replay}`, `${label('hint')}${v.hint}`, `${label('rule')}${propertyById(input.property).rule}`);
  return lines.join('\n');
};

const counted = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;

/**
 * The headline of a report: which properties failed (or warned: the finding holds only under some
 * assumptions), and after how many runs and shrinks each.
 */
export const formatHeadline = (failures: readonly { property: PropertyId; runs: number; shrinks: number; severity?: 'failure' | 'warning' }[]): string => {
  const [only] = failures;
  const word = (f: { severity?: 'failure' | 'warning' }): string => (f.severity === 'warning' ? 'warned' : 'failed');
  if (failures.length === 1 && only !== undefined) {
    return formatMessage(`property "${only.property}" ${word(only)} after ${counted(only.runs, 'run')} (shrunk ${counted(only.shrinks, 'time')})`);
  }
  const each = failures.map(
    (f) => `${f.property}${f.severity === 'warning' ? ' [warning]' : ''} (after ${counted(f.runs, 'run')}, shrunk ${counted(f.shrinks, 'time')})`,
  );
  const warned = failures.filter((f) => f.severity === 'warning').length;
  const verb = warned === 0 ? 'failed' : warned === failures.length ? 'warned' : 'failed or warned';
  return formatMessage(`${failures.length} properties ${verb}: ${each.join(', ')}`);
};

/**
 * A note's line in a report: something the check could not do, and what to supply so that it can.
 *
 * @example
 * formatNote('cold starts not simulated: ...') // '  note        cold starts not simulated: ...'
 */
export const formatNote = (note: string): string => `${label('note')}${note}`;
