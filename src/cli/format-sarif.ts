/**
 * The `--sarif` file: SARIF 2.1.0, the format GitHub code scanning uploads (github/codeql-action/upload-sarif),
 * so a finding shows on the pull request at the handler's export. One rule per property (its doc and
 * platform rule as help), one result per failure; a handler that could not be checked is a tool
 * notification, not a result. Paths are relative to the directory the CLI ran in (%SRCROOT%), so run
 * it from the repository root in CI.
 */
import { relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Location, Log, Notification, ReportingDescriptor, Result } from 'sarif';
import { PROPERTIES, PROPERTY_IDS } from '../../properties/catalog.js';
import type { HandlerOutcome, OutcomeFailure } from './handler-outcome.js';
import { exportLocation } from './source-location.js';
import { jsonReplay } from './format-json.js';
import { formatReplayOptions } from '../report/replay.js';
import { targetDetail, targetHandler, targetModule, targetName } from './target.js';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

const firstSentence = (text: string): string => /^.*?[.!?](?=\s|$)/.exec(text)?.[0] ?? text;

const pascal = (id: string): string =>
  id
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');

const rules = (): ReportingDescriptor[] =>
  PROPERTIES.map((p) => ({
    id: p.id,
    name: pascal(p.id),
    shortDescription: { text: firstSentence(p.doc) },
    fullDescription: { text: p.doc },
    help: {
      text: `${p.doc}\nPlatform rule: ${p.rule}.\nJudges ${p.regimes.join(' and ')} handlers.`,
      markdown: `**${p.id}**: ${p.doc}\n\n*Platform rule:* ${p.rule}.\n\nJudges ${p.regimes.map((r) => `\`${r}\``).join(' and ')} handlers.`,
    },
    defaultConfiguration: { level: 'error' },
    properties: { tags: ['forge', 'retry-semantics', ...p.regimes], precision: 'high', 'problem.severity': 'error' },
  }));

/** The export's file as a SARIF artifact: relative to %SRCROOT% when inside it, else an absolute file URI. */
const location = (o: HandlerOutcome, root: string): Location => {
  const found = exportLocation(o.target.file, o.target.exportName);
  const rel = relative(root, found.file);
  const artifactLocation =
    rel === '' || rel.startsWith('..') ? { uri: pathToFileURL(found.file).href } : { uri: rel.split(sep).join('/'), uriBaseId: '%SRCROOT%' };
  return {
    physicalLocation: { artifactLocation, region: { startLine: found.line } },
    logicalLocations: [{ name: targetName(o.target), fullyQualifiedName: `${targetModule(o.target)}/${targetHandler(o.target)}`, kind: 'function' }],
  };
};

const findingResult = (o: Extract<HandlerOutcome, { kind: 'checked' }>, f: OutcomeFailure, root: string, level: 'error' | 'warning'): Result => ({
  ruleId: f.property,
  ruleIndex: PROPERTY_IDS.indexOf(f.property),
  level,
  message: {
    text:
      `${targetName(o.target)} (${targetDetail(o.target)}): ${f.message}${level === 'warning' ? ` (warning: ${f.assumptions?.only ?? ''})` : ''}. ` +
      `Expected ${f.expected}; received ${f.received}. Replay with { ${formatReplayOptions(f.replay)} }. Fix: ${f.hint}.`,
  },
  locations: [location(o, root)],
  partialFingerprints: { 'forgeRetryHarness/v1': `${targetModule(o.target)}/${targetHandler(o.target)}/${f.property}` },
  properties: { expected: f.expected, received: f.received, hint: f.hint, replay: jsonReplay(f.replay), report: f.report },
});

// Failures are errors, findings that hold only under some assumptions warnings, and a check that judged
// nothing a note saying what to supply (properties a passing check left unjudged are not noise in code scanning).
const results = (outcomes: readonly HandlerOutcome[], root: string): Result[] =>
  outcomes.flatMap((o) => {
    if (o.kind !== 'checked') return [];
    const why = o.result.inconclusive;
    const notes: Result[] =
      why === undefined
        ? []
        : [
            {
              level: 'note',
              message: { text: `${targetName(o.target)} (${targetDetail(o.target)}): inconclusive: ${why.reason}. Supply ${why.supply}.` },
              locations: [location(o, root)],
            },
          ];
    return [
      ...o.result.failures.map((f) => findingResult(o, f, root, 'error')),
      ...o.result.warnings.map((f) => findingResult(o, f, root, 'warning')),
      ...notes,
    ];
  });

const notifications = (outcomes: readonly HandlerOutcome[]): Notification[] =>
  outcomes.flatMap((o) =>
    o.kind === 'error'
      ? [{ level: 'error' as const, message: { text: `${targetName(o.target)} (${targetDetail(o.target)}) could not be checked: ${o.message}` } }]
      : [],
  );

/**
 * Renders the SARIF log of a run. `root` is the directory relative paths start from (%SRCROOT%).
 *
 * @example
 * writeFileSync('results.sarif', formatSarif(outcomes, process.cwd(), '0.1.0'));
 */
export const formatSarif = (outcomes: readonly HandlerOutcome[], root: string, version: string): string => {
  const errors = notifications(outcomes);
  const log: Log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'forge-retry-harness', version, rules: rules() } },
        invocations: [{ executionSuccessful: errors.length === 0, ...(errors.length > 0 ? { toolExecutionNotifications: errors } : {}) }],
        results: results(outcomes, root),
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};
