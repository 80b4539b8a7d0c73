/**
 * The CI reports of one real run on the example app: --json against schema/report.schema.json,
 * --sarif against the SARIF 2.1.0 schema, --markdown (and $GITHUB_STEP_SUMMARY) with a Mermaid
 * diagram per failure; and the diagram's cold-start notes, on hand-built traces.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { Log } from 'sarif';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Instance } from '../../models/instance.js';
import type { Trace } from '../../models/trace.js';
import type { JsonOutput } from '../../src/cli/format-json.js';
import { failureDiagram } from '../../src/cli/mermaid.js';
import { renderTimeline } from '../../src/report/timeline.js';
import { PROPERTIES, PROPERTY_IDS } from '../../properties/catalog.js';
import { appRetry, post, success, trace } from '../support/trace-builder.js';
import { cli, folder, removeFolders, repo, type Captured } from './helpers.js';

const reportSchema = JSON.parse(readFileSync(join(repo, 'schema', 'report.schema.json'), 'utf8')) as Record<string, unknown>;
const validateReport = new Ajv2020({ allErrors: true, strict: true }).compile(reportSchema);

/** The SARIF 2.1.0 schema is draft-04 (`id`, not `$id`); nothing else in it reads differently under ajv 8 (draft-07). */
const sarifValidator = () => {
  const {
    $schema: _draft,
    id,
    ...schema
  } = JSON.parse(readFileSync(join(repo, 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  // Its language pattern is not valid with the u flag ajv 8 uses by default.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:\S*$/i);
  ajv.addFormat('uri-reference', /^\S*$/);
  ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);
  return ajv.compile({ ...schema, $id: String(id) });
};

let run: Captured;
let json: JsonOutput;
let sarif: Log;
let markdown: string;
let summary: string;

beforeAll(async () => {
  const dir = folder();
  const stepSummary = join(dir, 'step-summary.md');
  writeFileSync(stepSummary, 'earlier step\n');
  run = await cli(['--cwd', 'examples/forge-app', '--json', '--sarif', join(dir, 'out.sarif'), '--markdown', join(dir, 'out.md')], {
    GITHUB_STEP_SUMMARY: stepSummary,
  });
  json = JSON.parse(run.stdout) as JsonOutput;
  sarif = JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8')) as Log;
  markdown = readFileSync(join(dir, 'out.md'), 'utf8');
  summary = readFileSync(stepSummary, 'utf8');
});
afterAll(removeFolders);

const failures = () => json.handlers.flatMap((h) => [...h.failures, ...h.warnings].map((f) => ({ handler: h, failure: f })));

describe('the JSON schema', () => {
  it('validates the real --json output of the example app', () => {
    expect(run.code).toBe(1);
    expect(failures().length).toBeGreaterThanOrEqual(4);
    expect(validateReport(json), JSON.stringify(validateReport.errors)).toBe(true);
  });

  it('lists exactly the property ids of the catalog', () => {
    const defs = reportSchema['$defs'] as { propertyId: { enum: string[] } };
    expect(defs.propertyId.enum).toEqual([...PROPERTY_IDS]);
  });

  it('validates skipped and error outcomes, and rejects a wrong document', async () => {
    const dir = folder({
      'manifest.yml':
        'modules:\n  trigger:\n    - key: t\n      function: f\n      events: [avi:jira:created:issue]\n  consumer:\n    - key: c\n      queue: q\n      function: g\n  function:\n    - key: f\n      handler: index.run\n    - key: g\n      handler: index.run\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\n',
      'src/index.ts': 'export const run = async () => {};\n',
      'http.mjs': "import http from 'node:http';\nexport const run = async () => { http.get('http://example.com/'); };\n",
    });
    const skipped = await cli(['--cwd', dir, '--json', '--property', 'respects-retry-cap', '--num-runs', '5']);
    const skippedJson = JSON.parse(skipped.stdout) as JsonOutput;
    expect(skippedJson.handlers.map((h) => h.status)).toEqual(['inconclusive', 'skipped']);
    expect(validateReport(skippedJson), JSON.stringify(validateReport.errors)).toBe(true);
    const errored = await cli(['--cwd', dir, '--json', 'http.mjs#run', '--num-runs', '5']);
    const erroredJson = JSON.parse(errored.stdout) as JsonOutput;
    expect(erroredJson.handlers[0]?.status).toBe('error');
    expect(validateReport(erroredJson), JSON.stringify(validateReport.errors)).toBe(true);
    expect(validateReport({ ...json, handlers: [{ ...json.handlers[0], status: 'failed' }] })).toBe(false);
    expect(validateReport({ ...json, extra: 1 })).toBe(false);
  });
});

describe('the SARIF file', () => {
  it('validates against the SARIF 2.1.0 schema', () => {
    const validate = sarifValidator();
    expect(validate(sarif), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true);
    expect(sarif.version).toBe('2.1.0');
    expect(validate({ version: '2.1.0', runs: [{ results: [] }] }), 'a run without its tool is invalid').toBe(false);
  });

  it('has one rule per property with its doc and platform rule as help, and one result per failure', () => {
    const [sarifRun] = sarif.runs;
    const rules = sarifRun?.tool.driver.rules ?? [];
    expect(rules.map((r) => r.id)).toEqual([...PROPERTY_IDS]);
    for (const p of PROPERTIES) {
      const rule = rules.find((r) => r.id === p.id);
      expect(rule?.fullDescription?.text).toBe(p.doc);
      expect(rule?.help?.text).toContain(p.rule);
    }
    const results = sarifRun?.results ?? [];
    expect(results.map((r) => r.ruleId)).toEqual(failures().map((f) => f.failure.property));
    for (const r of results) expect(rules[r.ruleIndex ?? -1]?.id).toBe(r.ruleId);
  });

  it('points each result at the line that declares the handler export, relative to where the CLI ran', () => {
    const results = sarif.runs[0]?.results ?? [];
    for (const [i, { handler }] of failures().entries()) {
      const location = results[i]?.locations?.[0];
      const uri = location?.physicalLocation?.artifactLocation?.uri ?? '';
      expect(location?.physicalLocation?.artifactLocation?.uriBaseId).toBe('%SRCROOT%');
      expect(uri.startsWith('examples/forge-app/src/')).toBe(true);
      const lines = readFileSync(join(repo, uri), 'utf8').split('\n');
      const line = location?.physicalLocation?.region?.startLine ?? 0;
      expect(lines[line - 1], `${handler.name} at ${uri}:${line}`).toMatch(new RegExp(`export (const|async function|function) ${handler.name}\\b`));
      expect(location?.logicalLocations?.[0]?.name).toBe(handler.name);
    }
  });
});

/** The Mermaid statements the diagrams use; anything else would not render. */
const MERMAID_LINE =
  /^(sequenceDiagram| {4}participant (platform|handler|upstream)| {4}(platform->>handler|handler->>upstream|upstream-->>handler|upstream--xhandler|handler-->>platform|handler--xplatform): [^;#`<>\n]*(#(35|59|96|lt|gt);[^;#`<>\n]*)*| {4}Note over (platform|handler|handler,upstream): [^;#`<>\n]*(#(35|59|96|lt|gt);[^;#`<>\n]*)*| {4}rect rgba\(\d+, \d+, \d+, [\d.]+\)| {4}end)$/;

const mermaidBlocks = (text: string): string[] => [...text.matchAll(/^```mermaid\n([\s\S]*?)\n```$/gm)].map((m) => m[1] ?? '');

describe('the replay of a finding', () => {
  /** The options between the braces of a text report's replay line. */
  const lineOptions = (report: string): string => /^\s*replay\s+assertRetrySemantics\(\w+, \{ (.*) \}\)$/m.exec(report)?.[1] ?? 'no replay line';

  it('carries the options of the text replay line in every format', () => {
    const results = sarif.runs[0]?.results ?? [];
    expect(results).toHaveLength(failures().length);
    for (const [i, { failure }] of failures().entries()) {
      const options = lineOptions(failure.report);
      // Every finding of the example app depends on its event type and module: the replay must name them.
      expect(failure.replay).toMatchObject({ eventType: expect.any(String), moduleKey: expect.any(String), module: { file: expect.any(String) } });
      expect(new Function(`return ({ ${options} });`)()).toEqual(failure.replay);
      expect(results[i]?.properties?.['replay']).toEqual(failure.replay);
      expect(results[i]?.message.text).toContain(`Replay with { ${options} }.`);
      expect(markdown).toContain(`- **replay** \`${options}\``);
    }
  });

  it('is rejected by the schema with an option the text line has not', () => {
    const [first] = failures();
    const handler = { ...first!.handler, failures: [{ ...first!.failure, replay: { ...first!.failure.replay, numRuns: 5 } }] };
    expect(validateReport({ ...json, handlers: [handler] })).toBe(false);
  });
});

describe('the Markdown report', () => {
  it('has a mermaid sequence diagram per failure, in the statements GitHub renders', () => {
    const blocks = mermaidBlocks(markdown);
    expect(blocks).toHaveLength(failures().length);
    for (const block of blocks) {
      const lines = block.split('\n');
      expect(lines.slice(0, 4)).toEqual(['sequenceDiagram', '    participant platform', '    participant handler', '    participant upstream']);
      for (const line of lines) expect(line).toMatch(MERMAID_LINE);
      expect(lines.filter((l) => l.startsWith('    rect')).length).toBe(lines.filter((l) => l === '    end').length);
      expect(block).toContain('platform->>handler: delivery 1 at t=0s: first delivery');
    }
  });

  it('has a table per handler, one row per property judged', () => {
    const sections = markdown.split(/^### /m).slice(1);
    expect(sections).toHaveLength(json.handlers.length);
    for (const [i, h] of json.handlers.entries()) {
      const section = sections[i] ?? '';
      expect(section.startsWith(`${h.passed ? '✓' : '✗'} ${h.name} (`)).toBe(true);
      const rows = section.split('\n').filter((l) => /^\| `[a-z-]+` \|/.test(l));
      expect(rows.map((r) => /^\| `([a-z-]+)`/.exec(r)?.[1])).toEqual(h.properties);
    }
    expect(markdown.split('\n')[0]).toBe('## forge-retry-harness: 6 handlers checked: 2 passed, 4 failed');
  });

  it('is appended to $GITHUB_STEP_SUMMARY', () => {
    expect(summary).toBe(`earlier step\n${markdown}`);
  });
});

describe('the Mermaid diagram of a failure', () => {
  const COLD_NOTE = '    Note over handler: cold start (fresh module instance)';

  /** A comment posted, a retry asked for, and the retry (posting again) served by `retry`; every run starts cold. */
  const retried = (retry: Instance): Trace => {
    const t = trace({
      deliveries: [
        { requests: [post('/rest/api/3/issue/PROJ-1/comment')], outcome: appRetry() },
        { requests: [post('/rest/api/3/issue/PROJ-1/comment')], outcome: success() },
      ],
    });
    return { ...t, deliveries: t.deliveries.map((d) => ({ ...d, instance: d.kind === 'first' ? 'cold' : retry })) };
  };

  it('notes a redelivery that came to a fresh module instance, just before its messages, as the text timeline marks it', () => {
    const cold = retried('cold');
    const lines = failureDiagram(cold, 'no-duplicate-effects', 'posted twice').split('\n');
    expect(lines.filter((l) => l === COLD_NOTE)).toHaveLength(1);
    expect(lines[lines.indexOf(COLD_NOTE) + 1]).toMatch(/^ {4}platform->>handler: delivery 2 at /);
    for (const line of lines) expect(line).toMatch(MERMAID_LINE);
    expect(renderTimeline(cold).filter((l) => l.includes('cold start'))).toEqual([expect.stringContaining('delivery 2')]);
  });

  it('notes no cold start on a warm redelivery, nor on the first delivery (every run starts cold)', () => {
    const warm = retried('warm');
    expect(failureDiagram(warm, 'no-duplicate-effects', 'posted twice')).not.toContain('cold start');
    expect(renderTimeline(warm).filter((l) => l.includes('cold start'))).toEqual([]);
  });
});
