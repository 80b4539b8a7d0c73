/**
 * The `--markdown` report (also appended to `$GITHUB_STEP_SUMMARY` on GitHub Actions): the summary
 * line, an overview table, then per handler a table of its properties and, for each failure, the
 * timeline as a Mermaid sequence diagram that GitHub renders, with the text report folded under it.
 * Like the text output it holds no timings, so the same run writes the same bytes.
 */
import { VERDICT_MARKERS, type HandlerOutcome, type OutcomeFailure } from './handler-outcome.js';
import { formatCoverage } from '../runner/coverage.js';
import { formatSummary } from './format-text.js';
import { formatReplayOptions } from '../report/replay.js';
import type { Shard } from './shard.js';
import { targetDetail, targetHandler, targetName } from './target.js';

/** A table cell: one line, pipes escaped, no HTML. */
const cell = (text: string): string =>
  text.replace(/\s+/g, ' ').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '\\|').trim();

/** A fence longer than any backtick run in `text`, so the text cannot close it. */
const fenced = (info: string, text: string): string => {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${info}\n${text}\n${fence}`;
};

const counted = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;

const status = (o: HandlerOutcome): string => {
  switch (o.kind) {
    case 'skipped':
      return '– skipped';
    case 'error':
      return '! could not be checked';
    case 'checked':
      switch (o.result.verdict) {
        case 'passed':
          return '✓ passed';
        case 'failed':
          return `✗ ${o.result.failures.map((f) => f.property).join(', ')}`;
        case 'warned':
          return `⚠ warning: ${o.result.warnings.map((f) => f.property).join(', ')}`;
        case 'inconclusive':
          return `? inconclusive: ${o.result.inconclusive?.reason ?? ''}`;
      }
  }
};

const overview = (outcomes: readonly HandlerOutcome[]): string[] => [
  '| handler | module | result | runs |',
  '|---|---|---|---:|',
  ...outcomes.map(
    (o) => `| ${cell(targetName(o.target))} | ${cell(targetDetail(o.target))} | ${cell(status(o))} | ${o.kind === 'checked' ? o.result.runs : ''} |`,
  ),
];

// The options of the text report's replay line, so that a Markdown replay reproduces as that line does.
const replayCode = (f: OutcomeFailure): string => `\`${formatReplayOptions(f.replay)}\``;

const failureSection = (f: OutcomeFailure): string[] => [
  `#### ${f.assumptions?.only ? '⚠' : '✗'} \`${f.property}\`: ${cell(f.message)}`,
  '',
  ...(f.assumptions?.only ? [`Warning: ${cell(f.assumptions.only)} (not a failure unless strictAssumptions).`, ''] : []),
  fenced('mermaid', f.diagram),
  '',
  `- **expected** ${cell(f.expected)}`,
  `- **received** ${cell(f.received)}`,
  `- **replay** ${replayCode(f)}`,
  `- **hint** ${cell(f.hint)}`,
  '',
  '<details><summary>text report</summary>',
  '',
  fenced('text', f.report),
  '',
  '</details>',
];

const handlerSection = (o: HandlerOutcome): string[] => {
  const head = [
    `### ${o.kind === 'checked' ? VERDICT_MARKERS[o.result.verdict] : o.kind === 'error' ? '!' : '–'} ${cell(targetName(o.target))} (${cell(targetDetail(o.target))})`,
    '',
  ];
  if (o.kind === 'skipped') return [...head, `Skipped: ${cell(o.reason)}`];
  if (o.kind === 'error') return [...head, 'Could not be checked:', '', fenced('text', o.message)];
  const failed = new Map([...o.result.failures, ...o.result.warnings].map((f) => [f.property, f]));
  const verdicts = new Map(o.result.properties.map((p) => [p.property, p]));
  const rows = o.properties.map((id) => {
    const f = failed.get(id);
    const v = verdicts.get(id);
    if (f !== undefined) {
      return `| \`${id}\` | ${v?.verdict === 'warned' ? '⚠' : '✗'} ${cell(f.message)} | ${counted(f.runs, 'run')}, shrunk ${counted(f.shrinks, 'time')} |`;
    }
    if (v?.inconclusive !== undefined) return `| \`${id}\` | ? ${cell(v.inconclusive.reason)} | |`;
    return `| \`${id}\` | ✓ | |`;
  });
  return [
    ...head,
    `\`${cell(targetHandler(o.target))}\` · seed ${o.result.seed} · ${counted(o.result.runs, 'run')}`,
    '',
    ...(o.result.inconclusive !== undefined ? [`Inconclusive: ${cell(o.result.inconclusive.reason)}. Supply ${cell(o.result.inconclusive.supply)}.`, ''] : []),
    `Coverage: ${cell(formatCoverage(o.result.statistics))}`,
    '',
    '| property | result | found after |',
    '|---|---|---|',
    ...rows,
    ...[...o.result.failures, ...o.result.warnings].flatMap((f) => ['', ...failureSection(f)]),
  ];
};

/**
 * Renders the Markdown report; a `--shard` run says which shard it is in the title.
 *
 * @example
 * appendFileSync(process.env.GITHUB_STEP_SUMMARY, formatMarkdown(outcomes));
 */
export const formatMarkdown = (outcomes: readonly HandlerOutcome[], shard?: Shard): string => {
  const title = `## forge-retry-harness${shard === undefined ? '' : ` (shard ${shard.index}/${shard.count})`}: ${formatSummary(outcomes)}`;
  const sections = outcomes.flatMap((o) => ['', ...handlerSection(o)]);
  return `${[title, '', ...overview(outcomes), ...sections].join('\n')}\n`;
};
