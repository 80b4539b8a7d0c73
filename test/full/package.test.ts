/**
 * The packed-tarball smoke test (after fast-check's test-bundle): `npm pack` (whose prepack builds),
 * lint the tarball with publint and @arethetypeswrong/cli, install it into a fresh project, and use it
 * the ways users do: ESM import, CommonJS require, TypeScript types under NodeNext, a Jest (CommonJS)
 * test, a vitest test with the `./vitest` subpath, and the `forge-retry-harness` bin on a Forge app
 * folder, in worker processes too. The peers it runs against (the repo's @forge/api, @forge/events and
 * vitest, linked in) are the ranges package.json declares.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = (name: string): string => join(repo, 'node_modules', '.bin', name);

let project = '';
let packed: { filename: string; files: { path: string }[] } | undefined;

const run = (command: string, args: readonly string[], cwd = project) => {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true', FORGE_RETRY_HARNESS_SEED: '' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, output: `${result.stdout}\n${result.stderr}` };
};

const write = (files: Record<string, string>): void => {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(project, path)), { recursive: true });
    writeFileSync(join(project, path), text);
  }
};

// Two tiny handlers: one right, one asking for an hour's wait (over the 900 s maximum).
const HANDLERS = `const { InvocationError, InvocationErrorCode } = require('@forge/events');
exports.correct = async () => {};
exports.buggy = async () => new InvocationError({ retryAfter: Number("soon"), retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST });
`;

/** `version` is in the caret range `^X.Y.Z` (the form package.json's peers use). */
/** `version` satisfies a `>=x.y.z` or `^x.y.z` peer range (the two forms package.json uses). */
const inCaretRange = (version: string, range: string): boolean => {
  const parse = (v: string) => v.split('.').map(Number) as [number, number, number];
  const m = /^(\^|>=)(\d+\.\d+\.\d+)$/.exec(range);
  if (m === null) return false;
  const [major, minor, patch] = parse(version);
  const [lowMajor, lowMinor, lowPatch] = parse(m[2] ?? '');
  const atLeast = major > lowMajor || (major === lowMajor && (minor > lowMinor || (minor === lowMinor && patch >= lowPatch)));
  return m[1] === '>=' ? atLeast : major === lowMajor && atLeast;
};

/** The peers the project links from the repo, so the ones the tests below run against. */
const PEERS = ['@forge/api', '@forge/events', 'vitest'] as const;

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'frh-package-'));
  const [info] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', project], { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }),
  ) as NonNullable<typeof packed>[];
  packed = info;
  write({
    'package.json': JSON.stringify(
      {
        name: 'frh-smoke',
        version: '0.0.0',
        private: true,
        dependencies: { 'forge-retry-harness': `file:./${info?.filename}` },
        jest: { testMatch: ['**/*.test.cjs'], transform: {}, testEnvironment: 'node' },
      },
      null,
      2,
    ),
  });
  execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], { cwd: project, stdio: 'pipe' });
  // The peers are optional ones the app brings; link the repo's copies instead of downloading them.
  mkdirSync(join(project, 'node_modules', '@forge'), { recursive: true });
  for (const name of PEERS) symlinkSync(join(repo, 'node_modules', name), join(project, 'node_modules', name), 'dir');
  write({ 'handlers.cjs': HANDLERS });
}, 180_000);

afterAll(() => {
  if (project !== '') rmSync(project, { recursive: true, force: true });
});

describe('the packed tarball', () => {
  it('holds the build (built by prepack), the report schema and no sources', () => {
    const paths = packed?.files.map((f) => f.path) ?? [];
    for (const path of ['dist/index.js', 'dist/index.cjs', 'dist/index.d.ts', 'dist/cli.js', 'dist/cli-worker.js', 'schema/report.schema.json'])
      expect(paths).toContain(path);
    expect(paths.filter((p) => !/^(dist\/|schema\/|package\.json$|README\.md$|LICENSE)/.test(p))).toEqual([]);
  });

  it('passes publint with no errors or warnings', async () => {
    const tarball = readFileSync(join(project, packed?.filename ?? ''));
    const { messages, pkg } = await publint({
      pack: { tarball: tarball.buffer.slice(tarball.byteOffset, tarball.byteOffset + tarball.byteLength) as ArrayBuffer },
      level: 'warning',
      strict: true,
    });
    expect(messages.map((m) => `${m.type}: ${formatMessage(m, pkg) ?? m.code}`)).toEqual([]);
  });

  it('passes @arethetypeswrong/cli: types resolve for every entry point under node10, node16 (ESM and CJS) and bundler', () => {
    const r = run(bin('attw'), [join(project, packed?.filename ?? ''), '--format', 'json']);
    const report = JSON.parse(r.stdout) as { problems?: Record<string, unknown>; analysis: { entrypoints: Record<string, unknown> } };
    expect(report.problems ?? {}).toEqual({});
    expect(Object.keys(report.analysis.entrypoints)).toEqual(['.', './models', './vitest', './schema/report.schema.json', './package.json']);
    expect(r.status, r.output).toBe(0);
  });

  it('declares peer ranges that hold the versions these tests run against', () => {
    const { peerDependencies } = JSON.parse(readFileSync(join(project, 'node_modules', 'forge-retry-harness', 'package.json'), 'utf8')) as {
      peerDependencies: Record<string, string>;
    };
    expect(Object.keys(peerDependencies).sort()).toEqual([...PEERS].sort());
    for (const name of PEERS) {
      const { version } = JSON.parse(readFileSync(join(project, 'node_modules', name, 'package.json'), 'utf8')) as { version: string };
      expect(inCaretRange(version, peerDependencies[name] ?? ''), `${name} ${version} in ${peerDependencies[name]}`).toBe(true);
    }
  });

  it('imports from ESM and checks a handler', () => {
    write({
      'esm.mjs': `import { checkRetrySemantics, PROPERTY_IDS } from 'forge-retry-harness';
import { REGIMES } from 'forge-retry-harness/models';
import handlers from './handlers.cjs';
const ok = await checkRetrySemantics(handlers.correct, { numRuns: 5 });
const bad = await checkRetrySemantics(handlers.buggy, { numRuns: 5 });
console.log(JSON.stringify({ ok: ok.passed, bad: bad.passed, failures: bad.failures.map((f) => f.property), ids: PROPERTY_IDS.length, regimes: REGIMES, vitest: import.meta.resolve('forge-retry-harness/vitest').endsWith('/dist/vitest.js') }));
`,
    });
    const r = run('node', ['esm.mjs']);
    expect(r.status, r.output).toBe(0);
    const out = JSON.parse(r.stdout) as { ok: boolean; bad: boolean; failures: string[]; ids: number; regimes: string[]; vitest: boolean };
    expect(out).toMatchObject({ ok: true, bad: false, ids: 13, regimes: ['product-event', 'async-event', 'resolver-consumer'], vitest: true });
    expect(out.failures).toContain('retry-after-valid');
  });

  it('requires from CommonJS and checks a handler', () => {
    write({
      'cjs.cjs': `const { checkRetrySemantics, RetrySemanticsError, HarnessUsageError } = require('forge-retry-harness');
const { REGIMES } = require('forge-retry-harness/models');
const { correct, buggy } = require('./handlers.cjs');
(async () => {
  const ok = await checkRetrySemantics(correct, { numRuns: 5 });
  const bad = await checkRetrySemantics(buggy, { numRuns: 5 });
  let usage = '';
  try { await checkRetrySemantics(correct, { numRuns: 0 }); } catch (e) { usage = e instanceof HarnessUsageError ? 'HarnessUsageError' : String(e); }
  console.log(JSON.stringify({ ok: ok.passed, bad: bad.passed, failures: bad.failures.map((f) => f.property), errorClass: typeof RetrySemanticsError, usage, regimes: REGIMES }));
})();
`,
    });
    const r = run('node', ['cjs.cjs']);
    expect(r.status, r.output).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(out).toMatchObject({
      ok: true,
      bad: false,
      errorClass: 'function',
      usage: 'HarnessUsageError',
      regimes: ['product-event', 'async-event', 'resolver-consumer'],
    });
    expect(out['failures']).toContain('retry-after-valid');
  });

  it('resolves its types under moduleResolution NodeNext, from ESM and CommonJS', () => {
    write({
      'tsconfig.json': JSON.stringify({
        compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', strict: true, noEmit: true, types: [], skipLibCheck: false },
        files: ['types.mts', 'types.cts'],
      }),
      'types.mts': `import { assertRetrySemantics, checkRetrySemantics, RetrySemanticsError, PROPERTY_IDS, type CheckOptions, type CheckResult, type PropertyId } from 'forge-retry-harness';
import type { DescribeRetrySemanticsOptions } from 'forge-retry-harness/vitest';
import type { Regime } from 'forge-retry-harness/models';
const options: CheckOptions = { trigger: 'async-event', numRuns: 5, properties: ['retry-after-valid'], consumerShape: 'resolver' };
const result: Promise<CheckResult> = checkRetrySemantics(async (event: { issue: { key: string } }) => { void event; }, options);
const done: Promise<void> = assertRetrySemantics(async () => undefined);
const id: PropertyId | undefined = PROPERTY_IDS[0];
const regime: Regime = 'product-event';
const suite: DescribeRetrySemanticsOptions = { knownFailures: ['no-duplicate-effects'], timeout: 1000 };
// @ts-expect-error an unknown property id does not type-check
const wrong: CheckOptions = { properties: ['honors-retry-after'] };
export { result, done, id, regime, suite, wrong, RetrySemanticsError };
`,
      'types.cts': `import harness = require('forge-retry-harness');
const options: harness.CheckOptions = { numRuns: 5, seed: 1 };
const failures = (r: harness.CheckResult): readonly harness.CheckFailure[] => r.failures;
export = { options, failures, check: harness.checkRetrySemantics };
`,
    });
    const r = run(bin('tsc'), ['-p', 'tsconfig.json']);
    expect(r.status, r.output).toBe(0);
  });

  it('runs in a Jest test that requires it (CommonJS)', () => {
    write({
      'retry.test.cjs': `const { assertRetrySemantics, RetrySemanticsError } = require('forge-retry-harness');
const { correct, buggy } = require('./handlers.cjs');
test('a correct handler passes', () => assertRetrySemantics(correct, { numRuns: 5 }));
test('api.fetch to an external host is answered by the simulation inside Jest vm contexts', async () => {
  const api = require('@forge/api');
  const { checkRetrySemantics } = require('forge-retry-harness');
  const seen = [];
  const handler = async () => {
    try {
      seen.push((await api.fetch('https://crm.example.com/contacts/42')).status);
    } catch (error) {
      seen.push(String(error.cause && error.cause.message || error.message));
    }
  };
  await checkRetrySemantics(handler, { numRuns: 20 });
  expect(seen).toContain(200);
  for (const s of seen) expect(String(s)).not.toMatch(/ENOTFOUND|getaddrinfo|ECONNREFUSED|EAI_AGAIN/);
});
test('a buggy handler fails with the report', async () => {
  const error = await assertRetrySemantics(buggy, { numRuns: 5 }).catch((e) => e);
  expect(error).toBeInstanceOf(RetrySemanticsError);
  expect(error.message).toMatch(/retry-after-valid/);
  expect(error.failures.map((f) => f.property)).toContain('retry-after-valid');
});
`,
    });
    const r = run(bin('jest'), ['--rootDir', project, '--ci', '--no-watchman']);
    expect(r.status, r.output).toBe(0);
    expect(r.stderr).toMatch(/Tests:\s+3 passed, 3 total/);
  });

  it('runs describeRetrySemantics from forge-retry-harness/vitest in a vitest run', () => {
    write({
      'vitest/retry.test.mjs': `import { describeRetrySemantics } from 'forge-retry-harness/vitest';
import handlers from '../handlers.cjs';
describeRetrySemantics('correct', handlers.correct, { numRuns: 5 });
describeRetrySemantics('buggy', handlers.buggy, { numRuns: 5, knownFailures: ['retry-after-valid', 'respects-retry-cap'] });
`,
    });
    const r = run(process.execPath, [join(project, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--root', join(project, 'vitest'), '--reporter', 'verbose']);
    expect(r.status, r.output).toBe(0);
    // eslint-disable-next-line no-control-regex
    const plain = r.stdout.replace(/\u001b\[[0-9;]*m/g, '');
    expect(plain).toMatch(/buggy > retry-after-valid: /);
    // Thirteen properties each: the ten single-event ones and the three many-events ones, on by default.
    expect(plain).toMatch(/Tests\s+24 passed \| 2 expected fail \(26\)/);
  });

  it('installs a forge-retry-harness bin that checks a Forge app folder', () => {
    write({
      'app/manifest.yml': `modules:
  trigger:
    - key: created
      function: ok
      events: [avi:jira:created:issue]
    - key: updated
      function: bad
      events: [avi:jira:updated:issue]
  function:
    - key: ok
      handler: index.correct
    - key: bad
      handler: index.buggy
app:
  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000
`,
      'app/src/index.ts': `import { InvocationError, InvocationErrorCode } from '@forge/events';
export const correct = async (event: { eventType: string }): Promise<void> => { void event; };
export const buggy = async () => new InvocationError({ retryAfter: Number("soon"), retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST });
`,
    });
    const cli = join(project, 'node_modules', '.bin', 'forge-retry-harness');
    expect(run(cli, ['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const r = run(cli, ['--cwd', 'app', '--num-runs', '5']);
    expect(r.status, r.output).toBe(1);
    // The correct handler makes no request: inconclusive (exit 0 for it), never a pass that checked nothing.
    expect(r.stdout).toContain('? correct (trigger avi:jira:created:issue) inconclusive: the handler made no upstream request in any run');
    expect(r.stdout).toMatch(/✗ buggy \(trigger avi:jira:updated:issue\) .*retry-after-valid/);
    expect(r.stdout).toContain('2 handlers checked: 0 passed, 1 failed, 1 inconclusive');
  });

  it('checks in worker processes (dist/cli-worker.js) with the same output, and its --json fits the shipped schema', () => {
    const cli = join(project, 'node_modules', '.bin', 'forge-retry-harness');
    const one = run(cli, ['--cwd', 'app', '--num-runs', '5', '--workers', '1']);
    const two = run(cli, ['--cwd', 'app', '--num-runs', '5', '--workers', '2']);
    expect(two.stderr).toBe('');
    expect(two.stdout).toBe(one.stdout);
    expect(two.status).toBe(one.status);
    const json = run(cli, ['--cwd', 'app', '--num-runs', '5', '--json']);
    const schemaPath = createRequire(join(project, 'index.js')).resolve('forge-retry-harness/schema/report.schema.json');
    const validate = new Ajv2020({ strict: true }).compile(JSON.parse(readFileSync(schemaPath, 'utf8')) as object);
    expect(validate(JSON.parse(json.stdout)), JSON.stringify(validate.errors)).toBe(true);
  });
}, 120_000);
