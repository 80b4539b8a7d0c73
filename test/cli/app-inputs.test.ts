/**
 * Issue 11, the CLI side: every event of every trigger, queue bodies from the app's own producers,
 * the config file (validated with the options schema), --event/--path/--config, and the loader
 * (.jsx/.tsx, one load error is one row, --json always JSON, the @forge/api pre-flight, syntax errors
 * by file:line:column).
 */
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, folder as tempFolder, removeFolders, repo } from './helpers.js';

/** A throw-away app folder that resolves @forge/* from the repository's node_modules, as an installed app would from its own. */
const folder = (files: Record<string, string> = {}): string => {
  const dir = tempFolder(files);
  if (!Object.keys(files).some((path) => path.startsWith('node_modules/'))) symlinkSync(join(repo, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
};

afterAll(removeFolders);

const validateReport = new Ajv2020({ allErrors: true, strict: true }).compile(
  JSON.parse(readFileSync(join(repo, 'schema', 'report.schema.json'), 'utf8')) as object,
);

const APP = 'app:\n  id: ari:cloud:ecosystem::app/00000000-0000-4000-8000-000000000000\n';

interface JsonRow {
  module: string;
  name: string;
  status: string;
  runs: number;
  eventType?: string;
  input?: string;
  error?: string;
  failures: { property: string }[];
}
interface JsonDoc {
  passed: boolean;
  handlers: JsonRow[];
  errors?: { what: string; fix: string }[];
}

const json = async (argv: string[]): Promise<{ code: number; doc: JsonDoc; stderr: string }> => {
  const { code, stdout, stderr } = await cli([...argv, '--json']);
  const doc = JSON.parse(stdout) as JsonDoc;
  expect(validateReport(doc), JSON.stringify(validateReport.errors)).toBe(true);
  return { code, doc, stderr };
};

// Reads the parts each payload family has and the issue-created payload lacks: it crashes on the old
// one-payload-for-all behaviour, so it passes only when each event gets its own payload.
const READS_EVENT_SHAPE = `export const run = async (event: any) => {
  if (event.eventType === 'avi:jira:updated:issue' && !Array.isArray(event.changelog.items)) throw new TypeError('no changelog');
  if (event.eventType === 'avi:jira:commented:issue' && typeof event.comment.body !== 'string') throw new TypeError('no comment');
  if (event.eventType === 'avi:confluence:created:page' && typeof event.content.id !== 'string') throw new TypeError('no content');
  if (event.context?.moduleKey !== 'activity') throw new TypeError('module key ' + event.context?.moduleKey);
};
`;

describe('every event of every trigger', () => {
  it('checks each event of `events:` in both forms as its own row, each fed its own payload', async () => {
    const dir = folder({
      'manifest.yml': `modules:\n  trigger:\n    - key: activity\n      function: main\n      events:\n        - avi:jira:updated:issue\n        - eventType: avi:jira:commented:issue\n          filter:\n            expression: "true"\n        - avi:confluence:created:page\n  function:\n    - key: main\n      handler: index.run\n${APP}`,
      'src/index.ts': READS_EVENT_SHAPE,
    });
    const { code, doc } = await json(['--cwd', dir, '--num-runs', '10']);
    expect(doc.handlers.map((h) => [h.eventType, h.status, h.input])).toEqual([
      ['avi:jira:updated:issue', 'inconclusive', 'generated avi:jira:updated:issue payloads'],
      ['avi:jira:commented:issue', 'inconclusive', 'generated avi:jira:commented:issue payloads'],
      ['avi:confluence:created:page', 'inconclusive', 'generated avi:confluence:created:page payloads'],
    ]);
    expect(code).toBe(0);
  });

  it('names an events entry of neither form', async () => {
    const dir = folder({
      'manifest.yml': `modules:\n  trigger:\n    - key: activity\n      function: main\n      events:\n        - { filter: { expression: x } }\n  function:\n    - key: main\n      handler: index.run\n${APP}`,
      'src/index.ts': READS_EVENT_SHAPE,
    });
    const { code, stderr } = await cli(['--cwd', dir]);
    expect(code).toBe(2);
    expect(stderr).toContain('trigger "activity": events[0] is neither an event name nor { eventType: <name> }');
  });
});

const PRODUCER = `import { Queue } from '@forge/events';
const queue = new Queue({ key: 'jobs' });
export const produce = async (event: any) => { await queue.push({ body: { kind: 'from-producer', issueKey: event.issue.key } }); };
`;
// Crashes on anything but what the producer pushes: passes only when fed the producer's bodies.
const CONSUMER = `export const consume = async (event: any) => {
  if (event.body?.kind !== 'from-producer' || typeof event.body.issueKey !== 'string') throw new TypeError('not a producer body: ' + JSON.stringify(event.body));
};
`;
const queueManifest = (withProducer: boolean): string =>
  `modules:\n${withProducer ? '  trigger:\n    - key: producer\n      function: p\n      events: [avi:jira:created:issue]\n' : ''}  consumer:\n    - key: jobs-consumer\n      queue: jobs\n      function: c\n  function:\n    - key: p\n      handler: index.produce\n    - key: c\n      handler: index.consume\n${APP}`;

describe('queue bodies', () => {
  it("feeds a consumer the bodies the app's own producer pushed to its queue", async () => {
    const dir = folder({ 'manifest.yml': queueManifest(true), 'src/index.ts': PRODUCER + CONSUMER });
    const { doc } = await json(['--cwd', dir, '--num-runs', '10']);
    const consumer = doc.handlers.find((h) => h.module === 'jobs-consumer')!;
    expect(consumer.status).toBe('inconclusive');
    expect(consumer.input).toMatch(/^\d+ bod(y|ies) pushed to queue "jobs" by producer$/);
  });

  it('says a consumer has no body, instead of passing it on an invented one', async () => {
    const dir = folder({ 'manifest.yml': queueManifest(false), 'src/index.ts': PRODUCER + CONSUMER });
    const { code, doc } = await json(['--cwd', dir, '--num-runs', '10']);
    expect(code).toBe(2);
    expect(doc.handlers[0]!.status).toBe('error');
    expect(doc.handlers[0]!.error).toContain('no queue body: supply one in forge-retry-harness.config');
    expect(doc.handlers[0]!.error).toContain('"jobs-consumer"');
  });

  it('takes the body from the config file (JSON) when no producer pushes', async () => {
    const dir = folder({
      'manifest.yml': queueManifest(false),
      'src/index.ts': PRODUCER + CONSUMER,
      'forge-retry-harness.config.json': JSON.stringify({ modules: { 'jobs-consumer': { event: { kind: 'from-producer', issueKey: 'A-1' }, numRuns: 7 } } }),
    });
    const { code, doc } = await json(['--cwd', dir]);
    expect(doc.handlers[0]).toMatchObject({ status: 'inconclusive', runs: 7, input: 'the config file' });
    expect(code).toBe(0);
  });
});

describe('the config file', () => {
  const base = { 'manifest.yml': queueManifest(true), 'src/index.ts': PRODUCER + CONSUMER };

  it('reads a TypeScript config with defaults and a module entry (an upstream function too); the command line wins', async () => {
    const dir = folder({
      ...base,
      'forge-retry-harness.config.ts':
        "export default { defaults: { numRuns: 6 }, modules: { producer: { upstream: (req: { method: string }) => (req.method === 'GET' ? { status: 200, body: {} } : undefined) }, 'jobs-consumer': { numRuns: 4 } } };\n",
    });
    const consumer = async (argv: string[]) => (await json(argv)).doc.handlers.find((h) => h.module === 'jobs-consumer')!;
    expect(await consumer(['--cwd', dir])).toMatchObject({ status: 'inconclusive', runs: 4 });
    expect(await consumer(['--cwd', dir, '--num-runs', '3'])).toMatchObject({ status: 'inconclusive', runs: 3 });
  });

  it.each([
    [{ modules: { producer: { numRuns: 0 } } }, 'forge-retry-harness.config.json: modules["producer"]: option "numRuns" is number 0', 'whole number'],
    [{ modules: { producer: { numRun: 5 } } }, 'modules["producer"]: unknown option "numRun"', 'use one of: trigger, event'],
    [{ modules: { prodcer: {} } }, 'modules["prodcer"] names no trigger or consumer of manifest.yml', 'producer, jobs-consumer'],
    [{ defaults: { skip: ['honors-retry-after'] } }, 'defaults: unknown property id "honors-retry-after" in "skip"', 'honours-retry-after'],
    [{ modules: { producer: { trigger: 'async-event' } } }, 'modules["producer"]: option "trigger" is set', 'the manifest says'],
    [
      { modules: { producer: { eventType: 'avi:jira:updatd:issue' } } },
      'option "eventType" is "avi:jira:updatd:issue"',
      'use a known event name; the closest are: avi:jira:updated:issue',
    ],
    [{ module: {} }, 'unknown key "module"', 'defaults and modules'],
    [{ modules: { producer: { storage: { keys: { settings: null } } } } }, 'modules["producer"]: option "storage.keys.settings" is null', 'JSON value'],
    [{ defaults: { storage: { kv: {} } } }, 'defaults: unknown field "kv" in option "storage"', 'keys, secrets, entities'],
    [{ defaults: { jira: { issues: [{ key: 'sup-1' }] } } }, 'defaults: option "jira.issues[0].key" is "sup-1"', ''],
  ])('refuses %j before the run, naming the module key and the option', async (config, what, fix) => {
    const dir = folder({ ...base, 'forge-retry-harness.config.json': JSON.stringify(config) });
    const { code, stdout, stderr } = await cli(['--cwd', dir]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(what);
    expect(stderr).toContain(fix);
    const asJson = await json(['--cwd', dir]);
    expect(asJson.doc.handlers).toEqual([]);
    expect(asJson.doc.errors?.[0]?.what).toContain(what);
  });

  it('names a config file that is not valid JSON, and --config FILE that does not exist', async () => {
    const dir = folder({ ...base, 'forge-retry-harness.config.json': '{ "modules": ' });
    expect((await cli(['--cwd', dir])).stderr).toContain('forge-retry-harness.config.json is not valid JSON');
    expect((await cli(['--cwd', dir, '--config', 'nope.json'])).stderr).toContain('--config');
  });

  it('reads --config FILE instead of the file beside manifest.yml', async () => {
    const dir = folder({ ...base, 'forge-retry-harness.config.json': '{ "modules": ' });
    const other = join(dir, 'ci.config.json');
    writeFileSync(other, JSON.stringify({ defaults: { numRuns: 2 } }));
    const { doc } = await json(['--cwd', dir, '--config', other]);
    expect(doc.handlers.find((h) => h.module === 'jobs-consumer')).toMatchObject({ status: 'inconclusive', runs: 2 });
  });
});

// Configuration-gated, as real apps are: nothing happens until an admin stores the settings and a token.
// Retries a failed read (giving up on the last chance), so the reads themselves are handled right.
const GATED = `import { kvs } from '@forge/kvs';
import api, { route } from '@forge/api';
import { InvocationError, InvocationErrorCode } from '@forge/events';
export const run = async (event: any) => {
  let settings: { enabled?: boolean } | undefined;
  let token: unknown;
  try {
    settings = await kvs.get<{ enabled?: boolean }>('settings');
    token = await kvs.getSecret('token');
  } catch {
    if ((event.retryContext?.retryCount ?? 0) >= 4) return;
    return new InvocationError({ retryAfter: 30, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST });
  }
  if (settings?.enabled !== true || typeof token !== 'string') return;
  await api.asApp().requestJira(route\`/rest/api/3/issue/\${event.issue.key}/properties/gated\`, { method: 'PUT', body: '{}' });
};
`;

describe('storage seeds in the config file', () => {
  const gatedApp = (config: object) =>
    folder({
      'manifest.yml': `modules:\n  trigger:\n    - key: gated\n      function: g\n      events: [avi:jira:created:issue]\n  function:\n    - key: g\n      handler: index.run\n${APP}`,
      'src/index.ts': GATED,
      'forge-retry-harness.config.json': JSON.stringify(config),
    });

  it('reach a configuration-gated path: seeds of defaults and of the module add up', async () => {
    const dir = gatedApp({ defaults: { storage: { keys: { settings: { enabled: true } } } }, modules: { gated: { storage: { secrets: { token: 't' } } } } });
    const { doc } = await json(['--cwd', dir, '--num-runs', '10']);
    // It reached its PUT (the unhandled failures of that PUT are what is judged), which it never does unseeded.
    expect(doc.handlers[0]).toMatchObject({ status: 'failed' });
    expect(doc.handlers[0]!.failures.map((f) => f.property)).toContain('no-swallowed-failures');
  });

  it('without them the verdict is inconclusive, naming the keys to seed, not a pass', async () => {
    const dir = gatedApp({ defaults: { storage: { keys: { settings: { enabled: true } } } } });
    const { code, doc } = await json(['--cwd', dir, '--num-runs', '10']);
    expect(doc.handlers[0]).toMatchObject({
      status: 'inconclusive',
      inconclusive: {
        reason: 'the handler read only store keys that were never there ("token") and made no other request in any run',
        supply: expect.stringContaining('storage: { secrets: { "token": <its value> } }'),
      },
    });
    expect(code).toBe(0);
  });
});

describe('--event and --path', () => {
  it('feeds every handler the JSON event of --event FILE', async () => {
    const dir = folder({
      'manifest.yml': queueManifest(false),
      'src/index.ts': PRODUCER + CONSUMER,
      'body.json': '{ "kind": "from-producer", "issueKey": "B-2" }',
    });
    const { doc } = await json(['--cwd', dir, '--event', join(dir, 'body.json'), '--num-runs', '5']);
    expect(doc.handlers[0]).toMatchObject({ status: 'inconclusive', input: `--event ${join(dir, 'body.json')}` });
    expect((await cli(['--cwd', dir, '--event', join(dir, 'nope.json')])).stderr).toContain('--event');
  });

  it('replays one scenario with --path, and refuses a path that is not one', async () => {
    // A programming error after its first request: a failure under every assumption, not a throw on the payload.
    const dir = folder({
      'handler.ts':
        "import api, { route } from '@forge/api';\nexport const run = async () => { await api.asApp().requestJira(route`/rest/api/3/myself`); throw new TypeError('boom'); };\n",
    });
    const found = await json(['--cwd', dir, 'handler.ts#run', '--num-runs', '20']);
    const failure = found.doc.handlers[0]!.failures[0] as unknown as { replay: { seed: number; path: string } };
    const replayed = await json(['--cwd', dir, 'handler.ts#run', '--seed', String(failure.replay.seed), '--path', failure.replay.path]);
    expect(replayed.doc.handlers[0]).toMatchObject({ status: 'failed', runs: 1 });
    const bad = await cli(['--cwd', dir, 'handler.ts#run', '--path', 'abc']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--path is "abc"');
  });
});

describe('the loader', () => {
  it('loads .jsx and .tsx handler files (JSX compiled, a @jsx pragma honoured)', async () => {
    const dir = folder({
      'manifest.yml': `modules:\n  trigger:\n    - key: a\n      function: a\n      events: [avi:jira:created:issue]\n    - key: b\n      function: b\n      events: [avi:jira:created:issue]\n  function:\n    - key: a\n      handler: legacy.run\n    - key: b\n      handler: modern.run\n${APP}`,
      'src/legacy.jsx':
        "/** @jsx h */\nconst h = (type, props, ...children) => ({ type, props, children });\nexport const run = async () => { const node = <doc><p>hi</p></doc>; if (node.type !== 'doc') throw new Error('jsx'); };\n",
      'src/modern.tsx':
        "/** @jsx h */\nconst h = (type: string, props: unknown, ...children: unknown[]) => ({ type, props, children });\nexport const run = async (): Promise<void> => { const node = <doc />; if (node.type !== 'doc') throw new Error('jsx'); };\n",
    });
    const { code, doc } = await json(['--cwd', dir, '--num-runs', '5']);
    expect(doc.handlers.map((h) => h.error ?? h.status)).toEqual(['inconclusive', 'inconclusive']);
    expect(code).toBe(0);
  });

  it('makes a handler that fails to load one error row, checks the others, and --json still prints JSON', async () => {
    const dir = folder({
      'manifest.yml': `modules:\n  trigger:\n    - key: broken\n      function: a\n      events: [avi:jira:created:issue]\n    - key: fine\n      function: b\n      events: [avi:jira:created:issue]\n  function:\n    - key: a\n      handler: broken.run\n    - key: b\n      handler: fine.run\n${APP}`,
      'src/broken.ts': "throw new Error('CRM_URL is not set');\nexport const run = async () => {};\n",
      'src/fine.ts': 'export const run = async () => {};\n',
    });
    const { code, doc } = await json(['--cwd', dir, '--num-runs', '5']);
    expect(code).toBe(2);
    expect(doc.handlers.map((h) => [h.module, h.status])).toEqual([
      ['broken', 'error'],
      ['fine', 'inconclusive'],
    ]);
    expect(doc.handlers[0]!.error).toContain('src/broken.ts failed to load: CRM_URL is not set');
    const text = await cli(['--cwd', dir, '--num-runs', '5']);
    expect(text.stdout).toContain('! run (trigger avi:jira:created:issue) could not be checked');
    expect(text.stdout).toContain('? run (trigger avi:jira:created:issue) inconclusive');
  });

  it('reports a TypeScript syntax error by file:line:column', async () => {
    const dir = folder({ 'handler.ts': 'export const run = async (event: any) => {\n  const x = ;\n};\n' });
    const { stdout } = await cli(['--cwd', dir, 'handler.ts#run']);
    expect(stdout).toMatch(/handler\.ts:2:\d+: syntax error: /);
  });

  it('prints JSON for a usage error with --json', async () => {
    const dir = folder({});
    const { code, doc } = await json(['--cwd', dir]);
    expect(code).toBe(2);
    expect(doc).toMatchObject({ passed: false, handlers: [], errors: [{ what: `no manifest.yml in ${dir}` }] });
  });
});

describe('the @forge/api pre-flight', () => {
  const appWith = (files: Record<string, string>) =>
    folder({
      'manifest.yml': `modules:\n  trigger:\n    - key: a\n      function: a\n      events: [avi:jira:created:issue]\n  function:\n    - key: a\n      handler: index.run\n${APP}`,
      'src/index.ts': 'export const run = async () => {};\n',
      ...files,
    });

  it("names the app's own @forge/api older than 5.0, with the one-line fix", async () => {
    const dir = appWith({ 'node_modules/@forge/api/package.json': '{ "name": "@forge/api", "version": "2.22.1" }' });
    const { code, stderr } = await cli(['--cwd', dir]);
    expect(code).toBe(2);
    expect(stderr).toContain(`@forge/api 2.22.1 (${join('node_modules', '@forge', 'api')}) is older than 5.0`);
    expect(stderr).toContain('fix  npm i @forge/api@latest');
  });

  it('names a copy nested inside an old @forge/events', async () => {
    const dir = appWith({
      'node_modules/@forge/api/package.json': '{ "name": "@forge/api", "version": "8.3.0" }',
      'node_modules/@forge/events/package.json': '{ "name": "@forge/events", "version": "0.8.0" }',
      'node_modules/@forge/events/node_modules/@forge/api/package.json': '{ "name": "@forge/api", "version": "2.6.1" }',
    });
    const { stderr } = await cli(['--cwd', dir]);
    expect(stderr).toContain(`@forge/api 2.6.1 (${join('node_modules', '@forge', 'events', 'node_modules', '@forge', 'api')}) is older than 5.0`);
    expect(stderr).toContain('npm i @forge/api@latest @forge/events@latest');
  });

  it('lets 5.0 and later through', async () => {
    const dir = appWith({ 'node_modules/@forge/api/package.json': '{ "name": "@forge/api", "version": "5.0.0" }' });
    // The stub package has no code: the pre-flight passes and the handler (which imports nothing) is checked.
    expect((await cli(['--cwd', dir, '--num-runs', '3'])).code).toBe(0);
  });
});

describe('the README config section', () => {
  it('shows the error the CLI really prints for a bad config entry', async () => {
    const readme = readFileSync(join(repo, 'README.md'), 'utf8');
    const shown = /A mistake is refused before anything runs:\n\n```\n([\s\S]*?)\n```/.exec(readme)?.[1];
    const dir = folder({
      'manifest.yml': `modules:\n  consumer:\n    - key: crm-sync-consumer\n      queue: crm-sync\n      function: c\n  function:\n    - key: c\n      handler: index.consume\n${APP}`,
      'src/index.ts': CONSUMER,
      'forge-retry-harness.config.json': JSON.stringify({ modules: { 'crm-sync-consumer': { numRuns: 0 } } }),
    });
    expect((await cli(['--cwd', dir])).stderr.trimEnd()).toBe(shown);
  });
});
