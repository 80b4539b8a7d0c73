/**
 * The human-readable output: one line per handler, the report under each failing one, and a summary.
 * Nothing depends on the clock unless `timings` is on (TTY only), so piped output is stable.
 */
import type { HandlerOutcome } from './handler-outcome.js';
import { tally } from './handler-outcome.js';
import { targetDetail, targetName } from './target.js';

const indent = (text: string, by: string): string =>
  text
    .split('\n')
    .map((l) => (l === '' ? l : by + l))
    .join('\n');

const runs = (n: number): string => `${n} run${n === 1 ? '' : 's'}`;

/** The block of one handler's outcome. */
export const formatOutcome = (o: HandlerOutcome, timings: boolean): string => {
  const head = `${targetName(o.target)} (${targetDetail(o.target)})`;
  switch (o.kind) {
    case 'skipped':
      return `- ${head} skipped: ${o.reason}`;
    case 'error':
      return `! ${head} could not be checked\n${indent(o.message, '    ')}`;
    case 'checked': {
      const time = timings ? ` in ${(o.milliseconds / 1000).toFixed(1)}s` : '';
      if (o.result.passed) return `✓ ${head} ${runs(o.result.runs)}${time}`;
      const ids = o.result.failures.map((f) => f.property).join(', ');
      return `✗ ${head} ${ids} (${runs(o.result.runs)}${time})\n${indent(o.result.report, '    ')}`;
    }
  }
};

/** `N handlers checked: X passed, Y failed`, plus errors and skips when there are any. */
export const formatSummary = (outcomes: readonly HandlerOutcome[]): string => {
  const t = tally(outcomes);
  const extra = [t.errors > 0 ? `${t.errors} could not be checked` : '', t.skipped > 0 ? `${t.skipped} skipped` : ''].filter((s) => s !== '');
  return `${t.checked} handler${t.checked === 1 ? '' : 's'} checked: ${t.passed} passed, ${t.failed} failed${extra.length > 0 ? `, ${extra.join(', ')}` : ''}`;
};
