/**
 * The human-readable output: one line per handler (✓ passed, ✗ failed, ⚠ warned, ? inconclusive), its
 * coverage line, the report under each failing or warned one, and a summary.
 * Nothing depends on the clock unless `timings` is on (TTY only), so piped output is stable.
 */
import { formatCoverage } from '../runner/coverage.js';
import type { WalkPartRecord } from '../api/walk-chunks.js';
import type { HandlerOutcome } from './handler-outcome.js';
import { VERDICT_MARKERS, tally } from './handler-outcome.js';
import { targetDetail, targetName } from './target.js';

const indent = (text: string, by: string): string =>
  text
    .split('\n')
    .map((l) => (l === '' ? l : by + l))
    .join('\n');

const runs = (n: number): string => `${n} run${n === 1 ? '' : 's'}`;

/** What a job's result of its part of a split walk stands for (its runs alone), and how to get the handler's verdict. */
const walkPartLine = (record: WalkPartRecord): string => {
  const { slice, deepest } = record;
  const played = record.prefix.failed
    ? 'a schedule above the deepest level failed, so the walk ends there in every job'
    : deepest.of === 0
      ? 'the walk ended above the deepest level, so every job walked all of it'
      : deepest.from === deepest.to
        ? `the levels above the deepest whole, and none of the ${deepest.of} schedules of the deepest (more jobs than schedules)`
        : `the levels above the deepest whole, and schedules ${deepest.from + 1}-${deepest.to} of the ${deepest.of} of the deepest`;
  return `${slice.index} of ${slice.count} (--split-walks): ${played}; this verdict is this part's; \`forge-retry-harness merge\` every job's --json for the handler's`;
};

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
      const r = o.result;
      const coverage = `    coverage    ${formatCoverage(r.statistics)}${o.walkPart === undefined ? '' : `\n    walk part   ${walkPartLine(o.walkPart.record)}`}`;
      const marker = VERDICT_MARKERS[r.verdict];
      switch (r.verdict) {
        case 'passed':
          return `${marker} ${head} ${runs(r.runs)}${time}\n${coverage}`;
        case 'inconclusive':
          return `${marker} ${head} inconclusive: ${r.inconclusive?.reason ?? ''} (${runs(r.runs)}${time})\n    supply      ${r.inconclusive?.supply ?? ''}\n${coverage}`;
        case 'warned':
        case 'failed': {
          const ids = [...r.failures.map((f) => f.property), ...r.warnings.map((f) => `${f.property} (warning)`)].join(', ');
          return `${marker} ${head} ${ids} (${runs(r.runs)}${time})\n${coverage}\n${indent(r.report, '    ')}`;
        }
      }
    }
  }
};

/** `N handlers checked: X passed, Y failed`, plus errors and skips when there are any. */
export const formatSummary = (outcomes: readonly HandlerOutcome[]): string => {
  const t = tally(outcomes);
  const extra = [
    t.warned > 0 ? `${t.warned} warned` : '',
    t.inconclusive > 0 ? `${t.inconclusive} inconclusive` : '',
    t.errors > 0 ? `${t.errors} could not be checked` : '',
    t.skipped > 0 ? `${t.skipped} skipped` : '',
  ].filter((s) => s !== '');
  return `${t.checked} handler${t.checked === 1 ? '' : 's'} checked: ${t.passed} passed, ${t.failed} failed${extra.length > 0 ? `, ${extra.join(', ')}` : ''}`;
};
