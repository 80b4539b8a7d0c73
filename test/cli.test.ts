import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { main, type CliIo } from '../src/cli/run.js';
import type { JsonOutput } from '../src/cli/format-json.js';
import { PROPERTY_IDS } from '../src/index.js';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const exampleApp = join(repo, 'examples', 'forge-app');

interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

const cli = async (argv: string[], io: Partial<Pick<CliIo, 'env'>> & { tty?: boolean } = {}): Promise<Captured> => {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (s: string) => (stdout += s), isTTY: io.tty ?? false },
    stderr: { write: (s: string) => (stderr += s) },
    cwd: repo,
    env: io.env ?? {},
  });
  return { code, stdout, stderr };
};

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

/** A temporary folder with these files (paths relative to it). */
const folder = (files: Record<string, string>): string => {
  const dir = mkdtempSync(join(tmpdir(), 'frh-cli-'));
  temps.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
};

const manifest = (trigger: string, fn = 'main', handler = 'index.run'): string =>
  `modules:\n  trigger:\n    - key: issue-created\n      function: ${trigger}\n      events:\n        - avi:jira:created:issue\n  function:\n    - key: ${fn}\n      handler: ${handler}\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\n`;

const CORRECT = 'export const run = async (event: { issue: { key: string } }): Promise<void> => { void event; };\nexport const helper = 1;\n';
const THROWS = "export const run = async () => { throw new Error('boom'); };\n";

describe('forge-retry-harness CLI on the example Forge app', () => {
  // Each run of the example app is also a golden file (the demo's text and JSON, byte for byte): two runs
  // of its six handlers instead of four keep `npm test` under two minutes.
  it('checks every trigger and consumer in manifest.yml, flags the wrong handlers, writes --junit to a file and exits 1', async () => {
    const out = join(folder({}), 'junit.xml');
    const { code, stdout, stderr } = await cli(['--cwd', 'examples/forge-app', '--junit', out]);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    await expect(`exit ${code}\n${stdout}`).toMatchFileSnapshot('./golden/demo.txt');
    expect(stdout).toMatch(/^✓ onIssueCreated \(trigger avi:jira:created:issue\) 100 runs$/m);
    expect(stdout).toMatch(/^✓ crmSync \(consumer queue crm-sync\) 100 runs$/m);
    expect(stdout).toMatch(/^✗ lookupReporter \(trigger avi:jira:created:issue\) (retry-after-valid|no-swallowed-failures|survives-every-delivery)/m);
    expect(stdout).toMatch(/^✗ onIssueUpdated \(trigger avi:jira:updated:issue\) no-duplicate-effects/m);
    expect(stdout).toMatch(/^✗ onIssueAssigned \(trigger avi:jira:assigned:issue\) no-duplicate-effects, no-swallowed-failures/m);
    expect(stdout).toMatch(/^✗ onWorklogCreated \(trigger avi:jira:created:worklog\) bounded-invocation/m);
    // The replay line names the module (cold starts) and the trigger's event type and module key: pasted into a test, it
    // generates the same payloads.
    expect(stdout).toMatch(
      /^ {6}replay {6}assertRetrySemantics\(onWorklogCreated, \{ module: \{ file: "[^"]+", export: "onWorklogCreated" \}, eventType: 'avi:jira:created:worklog', moduleKey: 'worklog-created-export', seed: \d+, path: "(?:[\d:]+|x[\d.]*d?c?)" \}\)$/m,
    );
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('6 handlers checked: 2 passed, 4 failed');
    expect(stdout).not.toMatch(/\r|\d\.\ds/);

    const xml = readFileSync(out, 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase'].includes(name) }).parse(xml);
    const suites = doc.testsuites.testsuite as {
      name: string;
      tests: string;
      failures: string;
      testcase: { name: string; failure?: { type: string; '#text': string } }[];
    }[];
    expect(suites).toHaveLength(6);
    const worklog = suites.find((s) => s.name.startsWith('onWorklogCreated'));
    // The CLI hands a trigger its event type and the API makes the payloads: many-events scenarios play by
    // default, so their three properties are listed too.
    expect(worklog?.testcase.map((t) => t.name)).toEqual([...PROPERTY_IDS]);
    const failing = worklog?.testcase.find((t) => t.failure !== undefined);
    expect(failing?.name).toBe('bounded-invocation');
    expect(failing?.failure?.['#text']).toContain('replay');
    const consumer = suites.find((s) => s.name.startsWith('crmSync'));
    expect(consumer?.testcase.map((t) => t.name)).not.toContain('respects-retry-cap');
    expect(consumer?.failures).toBe('0');
  });

  it('writes --json to stdout, and exits 0 with --no-fail', async () => {
    const { code, stdout } = await cli(['--cwd', 'examples/forge-app', '--json', '--no-fail']);
    expect(code).toBe(0);
    await expect(`exit ${code}\n${stdout}`).toMatchFileSnapshot('./golden/demo.json.txt');
    const json = JSON.parse(stdout) as JsonOutput;
    expect(json.passed).toBe(false);
    expect(json.summary).toMatchObject({ checked: 6, passed: 2, failed: 4, errors: 0 });
    const byName = new Map(json.handlers.map((h) => [h.name, h]));
    expect(byName.get('onIssueCreated')).toMatchObject({
      module: 'issue-created-triage',
      moduleType: 'trigger',
      handler: 'index.onIssueCreated',
      regime: 'product-event',
      passed: true,
      runs: 100,
      failures: [],
    });
    expect(byName.get('crmSync')).toMatchObject({ module: 'crm-sync-consumer', moduleType: 'consumer', regime: 'async-event', passed: true });
    const updated = byName.get('onIssueUpdated');
    expect(updated?.passed).toBe(false);
    expect(updated?.failures[0]).toMatchObject({
      property: 'no-duplicate-effects',
      replay: { seed: expect.any(Number), path: expect.stringMatching(/^(?:[\d:]+|x[\d.]*d?)$/) },
    });
    for (const f of updated?.failures ?? []) for (const key of ['message', 'expected', 'received', 'hint'] as const) expect(f[key]).not.toBe('');
  });
});

describe('forge-retry-harness CLI on manifest consumers', () => {
  it('calls resolver-style consumers with the resolver method as functionKey, function-style ones with the AsyncEvent', async () => {
    const dir = folder({
      'manifest.yml': [
        'modules:',
        '  consumer:',
        '    - key: sync-consumer',
        '      queue: jobs',
        '      resolver:',
        '        function: consumer-fn',
        '        method: sync-issue',
        '    - key: legacy-consumer',
        '      queue: legacy-jobs',
        '      function: legacy-fn',
        '  function:',
        '    - key: consumer-fn',
        '      handler: consumer.handler',
        '    - key: legacy-fn',
        '      handler: legacy.run',
        '      timeoutSeconds: 300',
        '',
      ].join('\n'),
      // Shaped like @forge/resolver's getDefinitions(): a TypeError is what async events flag.
      'src/consumer.ts':
        "export const handler = async ({ call }: { call: { functionKey: string; payload: unknown } }) => {\n  if (call.functionKey !== 'sync-issue') throw new TypeError(`no resolver for ${call.functionKey}`);\n};\n",
      'src/legacy.js': "export const run = async (event) => { if (!('body' in event)) throw new TypeError('not an AsyncEvent'); };\n",
      // No trigger pushes to these queues: the bodies come from the config file.
      'forge-retry-harness.config.json': JSON.stringify({ defaults: { event: { issueKey: 'SUP-1' } } }),
    });
    const { code, stdout } = await cli(['--cwd', dir, '--num-runs', '10']);
    expect(code).toBe(0);
    // Called the right way neither throws (a wrong call would throw "before any I/O"); they make no request,
    // so both are inconclusive with that reason.
    expect(stdout).toContain(
      '? sync-issue (consumer queue jobs via consumer.handler) inconclusive: the handler made no upstream request in any run (10 runs)\n',
    );
    expect(stdout).toContain('? run (consumer queue legacy-jobs) inconclusive: the handler made no upstream request in any run (10 runs)\n');
    expect(stdout).toContain('2 handlers checked: 0 passed, 0 failed, 2 inconclusive\n');
  });
});

describe('forge-retry-harness CLI on file#export arguments', () => {
  it('passes a correct TypeScript handler and exits 0', async () => {
    const dir = folder({ 'handler.ts': CORRECT });
    const { code, stdout } = await cli(['--cwd', dir, 'handler.ts#run', '--num-runs', '10']);
    expect(code).toBe(0);
    // It does nothing, so nothing is judged: inconclusive with the reason, and exit 0 (without --strict).
    expect(stdout).toMatch(/^\? run \(handler\.ts#run, product-event\) inconclusive: the handler made no upstream request in any run \(10 runs\)\n/);
    expect(stdout).toContain('\n1 handler checked: 0 passed, 0 failed, 1 inconclusive\n');
    expect((await cli(['--cwd', dir, 'handler.ts#run', '--num-runs', '10', '--strict'])).code).toBe(1);
  });

  it('flags a handler that throws, with the same bytes on every run', async () => {
    const dir = folder({ 'handler.mjs': THROWS });
    // A thrown product-event handler is a bug only if Forge does not retry it (undocumented): a failure
    // with --strict-assumptions, a warning without.
    const first = await cli(['--cwd', dir, 'handler.mjs#run', '--seed', '7', '--num-runs', '10', '--strict-assumptions']);
    const second = await cli(['--cwd', dir, 'handler.mjs#run', '--seed', '7', '--num-runs', '10', '--strict-assumptions']);
    const lenient = await cli(['--cwd', dir, 'handler.mjs#run', '--seed', '7', '--num-runs', '10']);
    expect(lenient.code).toBe(0);
    expect(lenient.stdout).toMatch(/^⚠ run \(handler\.mjs#run, product-event\) survives-every-delivery \(warning\)/);
    expect(first.code).toBe(1);
    expect(first.stdout).toMatch(/^✗ run \(handler\.mjs#run, product-event\) survives-every-delivery/);
    expect(first.stdout).toContain('seed: 7');
    expect(second.stdout).toBe(first.stdout);
  });

  it('checks only the selected properties with --property, and none with --skip', async () => {
    const dir = folder({ 'handler.js': THROWS });
    const only = await cli(['--cwd', dir, 'handler.js#run', '--property', 'reason-valid,retry-after-valid', '--json', '--num-runs', '5']);
    expect(only.code).toBe(0);
    expect((JSON.parse(only.stdout) as JsonOutput).handlers[0]?.properties).toEqual(['retry-after-valid', 'reason-valid']);
    const skipped = await cli(['--cwd', dir, 'handler.js#run', '--skip', 'survives-every-delivery', '--num-runs', '5']);
    expect(skipped.code).toBe(0);
  });

  it('walks the small scope with --exhaustive (replay paths of the walk start with x)', async () => {
    const dir = folder({ 'handler.js': THROWS });
    const { code, stdout } = await cli(['--cwd', dir, 'handler.js#run', '--exhaustive', '--json', '--strict-assumptions']);
    expect(code).toBe(1);
    expect((JSON.parse(stdout) as JsonOutput).handlers[0]?.failures[0]?.replay.path).toMatch(/^x/);
  });

  it('checks an async-event consumer with --trigger async-event', async () => {
    const dir = folder({ 'consumer.cjs': "exports.consume = async (event) => { if (!event.body) throw new TypeError('no body'); };\n" });
    const { code, stdout } = await cli(['--cwd', dir, 'consumer.cjs#consume', '--trigger', 'async-event', '--json', '--num-runs', '10']);
    expect(code).toBe(0);
    const handler = (JSON.parse(stdout) as JsonOutput).handlers[0];
    expect(handler).toMatchObject({ regime: 'async-event', passed: true });
    expect(handler?.properties).not.toContain('respects-retry-cap');
  });

  it('shows progress with \\r on a TTY, and not under CI', async () => {
    const dir = folder({ 'handler.ts': CORRECT });
    const tty = await cli(['--cwd', dir, 'handler.ts#run', '--num-runs', '3'], { tty: true });
    // eslint-disable-next-line no-control-regex -- the TTY progress line really is ESC [2K
    expect(tty.stdout).toMatch(/^checking run \(handler\.ts#run, product-event\)\.\.\.\r\u001b\[2K\? run .* \(3 runs in \d+\.\ds\)\n/);
    const ci = await cli(['--cwd', dir, 'handler.ts#run', '--num-runs', '3'], { tty: true, env: { CI: 'true' } });
    expect(ci.stdout).not.toContain('\r');
  });
});

describe('forge-retry-harness CLI usage and load errors (exit 2)', () => {
  const expectUsage = async (argv: string[], ...messages: (string | RegExp)[]): Promise<string> => {
    const { code, stdout, stderr } = await cli(argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    for (const m of messages) expect(stderr).toMatch(m);
    expect(stderr).toContain('  fix  ');
    return stderr;
  };

  it('says to run in a Forge app folder when there is no manifest.yml', async () => {
    const dir = folder({});
    await expectUsage(['--cwd', dir], `no manifest.yml in ${dir}`, 'run in a Forge app folder', 'file.ts#export');
  });

  it('gives the YAML error with its line', async () => {
    const dir = folder({ 'manifest.yml': 'modules:\n  trigger:\n    - key: a\n   function: [b\n' });
    await expectUsage(['--cwd', dir], /manifest\.yml is not valid YAML: .*line \d+/);
  });

  it('names a function key missing from modules.function and lists the keys there are', async () => {
    const dir = folder({ 'manifest.yml': manifest('mian'), 'src/index.ts': CORRECT });
    await expectUsage(['--cwd', dir], 'trigger "issue-created" uses function "mian", which modules.function does not define (its keys: main)');
  });

  it('lists the paths tried when the handler file is missing', async () => {
    const dir = folder({ 'manifest.yml': manifest('main', 'main', 'handlers.run'), 'src/index.ts': CORRECT });
    await expectUsage(
      ['--cwd', dir],
      'no file for "handlers"',
      'src/handlers.ts, src/handlers.tsx, src/handlers.js, src/handlers.mjs, src/handlers.cjs, src/handlers.jsx',
    );
  });

  /** A handler that does not load is its own error row on stdout (exit 2); the run still prints its summary. */
  const expectErrorRow = async (argv: string[], ...messages: (string | RegExp)[]): Promise<string> => {
    const { code, stdout, stderr } = await cli(argv);
    expect(code).toBe(2);
    expect(stderr).toBe('');
    expect(stdout).toContain('could not be checked');
    for (const m of messages) expect(stdout).toMatch(m);
    expect(stdout).toContain('  fix  ');
    return stdout;
  };

  it('lists the exports there are when the export is missing', async () => {
    const dir = folder({ 'manifest.yml': manifest('main', 'main', 'index.onIssueCreated'), 'src/index.ts': CORRECT });
    await expectErrorRow(['--cwd', dir], 'src/index.ts has no export "onIssueCreated"; its exports: helper, run');
  });

  it('lists the exports when a file argument names none', async () => {
    const dir = folder({ 'handler.ts': CORRECT });
    await expectErrorRow(['--cwd', dir, 'handler.ts'], 'handler.ts names no export to check; its exports: helper, run', 'handler.ts#helper');
  });

  it('says that an export which is not a function cannot be checked', async () => {
    const dir = folder({ 'handler.ts': CORRECT });
    await expectErrorRow(['--cwd', dir, 'handler.ts#helper'], 'export "helper" of handler.ts is number 1, not a function');
  });

  it('passes on the error of a module that fails to load', async () => {
    const dir = folder({ 'manifest.yml': manifest('main'), 'src/index.js': "throw new Error('CRM_URL is not set');\nexport const run = () => {};\n" });
    await expectErrorRow(['--cwd', dir], 'src/index.js failed to load: CRM_URL is not set');
  });

  it('lists the paths tried for a missing file argument', async () => {
    const dir = folder({});
    await expectUsage(['--cwd', dir, 'src/nope#run'], 'no file for src/nope#run; tried src/nope, src/nope.ts');
  });

  it('reports every problem in the manifest at once', async () => {
    const dir = folder({
      'manifest.yml':
        'modules:\n  trigger:\n    - key: a\n      function: x\n      events: [avi:jira:created:issue]\n  consumer:\n    - key: c\n      queue: q\n      resolver:\n        function: y\n        method: m\n  function:\n    - key: z\n      handler: index.run\n',
    });
    const stderr = await expectUsage(['--cwd', dir], 'trigger "a" uses function "x"', 'consumer "c" uses function "y"');
    expect(stderr.match(/^forge-retry-harness: /gm)).toHaveLength(2);
  });

  it('rejects an unknown property id and lists the valid ones', async () => {
    await expectUsage(
      ['--cwd', exampleApp, '--property', 'honors-retry-after'],
      'unknown property id "honors-retry-after" in --property',
      PROPERTY_IDS.join(', '),
    );
  });

  it('rejects a bad --seed and a bad --num-runs', async () => {
    await expectUsage(['--cwd', exampleApp, '--seed', 'abc'], '--seed is "abc"', 'whole number');
    await expectUsage(['--cwd', exampleApp, '--seed', '1.5'], '--seed is "1.5"');
    await expectUsage(['--cwd', exampleApp, '--num-runs', '0'], '--num-runs is "0"', 'at least 1');
  });

  it('rejects unknown flags, a bad --trigger, and --trigger without a file', async () => {
    await expectUsage(['--cwd', exampleApp, '--seeds', '1'], "Unknown option '--seeds'", '--help');
    const dir = folder({ 'handler.ts': CORRECT });
    await expectUsage(['--cwd', dir, 'handler.ts#run', '--trigger', 'webtrigger'], '--trigger is "webtrigger"', 'product-event, async-event');
    await expectUsage(['--cwd', exampleApp, '--trigger', 'async-event'], '--trigger applies to file.ts#export arguments');
  });

  it('refuses when no selected property applies to any handler', async () => {
    const dir = folder({ 'consumer.js': 'export const run = async () => {};\n' });
    await expectUsage(
      ['--cwd', dir, 'consumer.js#run', '--trigger', 'async-event', '--property', 'respects-retry-cap'],
      'none of the selected properties applies to any handler',
    );
  });
});

describe('forge-retry-harness CLI help and version', () => {
  it('prints usage with the options, properties and exit codes', async () => {
    const { code, stdout } = await cli(['--help']);
    expect(code).toBe(0);
    for (const text of ['Usage: forge-retry-harness', '--num-runs', '--junit FILE', '--no-fail', 'Exit codes: 0', ...PROPERTY_IDS])
      expect(stdout).toContain(text);
  });

  it('prints the package version', async () => {
    const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { version: string };
    expect(await cli(['--version'])).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });
});

describe('forge-retry-harness CLI as a process', () => {
  it('runs from the command line and exits with the exit code', () => {
    const dir = folder({ 'bad.js': THROWS });
    const tsx = join(repo, 'node_modules', '.bin', 'tsx');
    const run = (args: string[]) =>
      spawnSync(tsx, [join(repo, 'src', 'cli', 'main.ts'), ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
    // One spawn (the tsx process compiles the harness, 3 s of npm test): exit 1 goes through the same process
    // exit as 0 and 2, whose outputs are tested in-process.
    const bad = run(['bad.js#run', '--num-runs', '5', '--strict-assumptions']);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain('1 handler checked: 0 passed, 1 failed');
  });
});
