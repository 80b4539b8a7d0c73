/**
 * A CLI finding's replay line reproduces the finding when pasted: the CLI hands each trigger's event
 * type (and module key) to the API, whose payload catalog generates the payloads, so the line that
 * names them generates the same ones. Each test takes the line from a CLI report, runs it through the
 * API and gets the same failure, report included.
 */
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkRetrySemantics } from '../../src/api/check.js';
import type { CheckOptions, ForgeHandler } from '../../src/api/types.js';
import { loadHandler } from '../../src/cli/handler-file.js';
import { cli, folder as tempFolder, removeFolders, repo } from './helpers.js';

afterAll(removeFolders);

interface JsonFailure {
  readonly property: string;
  readonly replay: CheckOptions;
  readonly expected: string;
  readonly received: string;
  readonly report: string;
}
interface JsonRow {
  readonly module: string;
  readonly name: string;
  readonly status: string;
  readonly failures: readonly JsonFailure[];
}

const REPLAY_LINE = /^\s*replay\s.*$/m;

/** The handler name and the options of a report's `replay` line. */
const replayLine = (report: string): { name: string; options: CheckOptions } => {
  const line = /^\s*replay\s+assertRetrySemantics\((\w+), (\{.*\})\)$/m.exec(report);
  if (line === null) throw new Error(`no replay line in:\n${report}`);
  // The line is the source a user pastes: evaluate it as such.
  const options = new Function(`return (${line[2]!});`)() as CheckOptions;
  return { name: line[1]!, options };
};

const loaded = async (file: string, exportName: string): Promise<ForgeHandler> => {
  const handler = await loadHandler(file, exportName, file);
  if (typeof handler !== 'function') throw new Error(handler.what);
  return handler;
};

const failingRows = async (appDir: string, argv: readonly string[] = []): Promise<JsonRow[]> => {
  const { stdout } = await cli(['--cwd', appDir, '--json', ...argv]);
  return (JSON.parse(stdout) as { handlers: JsonRow[] }).handlers.filter((h) => h.status === 'failed');
};

describe('the replay line of a CLI finding', () => {
  it("reproduces each of the release-notes app's findings through the API, report for report, as does the JSON replay", async () => {
    const app = join(repo, 'examples', 'release-notes-app');
    const rows = await failingRows(app, ['--num-runs', '30']);
    const files: Record<string, string> = { onCommentAcknowledge: 'comment-acknowledge.ts', onPageCreated: 'page-created.ts' };
    expect(rows.map((r) => r.name)).toEqual(Object.keys(files));
    for (const row of rows) {
      const failure = row.failures[0]!;
      const { name, options } = replayLine(failure.report);
      expect(options).toMatchObject({ eventType: expect.any(String), moduleKey: row.module });
      const handler = await loaded(join(app, 'src', files[name]!), name);
      const result = await checkRetrySemantics(handler, options);
      expect(result.failures.map((f) => [f.property, f.expected, f.received, f.report])).toEqual([
        [failure.property, failure.expected, failure.received, failure.report],
      ]);
      // The machine-readable replay holds the same options as the line, and replays the same failure fed as data.
      expect(failure.replay).toEqual(options);
      const fromJson = await checkRetrySemantics(handler, failure.replay);
      expect(fromJson.failures.map((f) => [f.property, f.expected, f.received, f.report])).toEqual([
        [failure.property, failure.expected, failure.received, failure.report],
      ]);
    }
  });

  it('carries the event type the finding depends on: without it the path names no scenario', async () => {
    // Posts a comment for every changelog entry: only updated-issue payloads carry a changelog.
    const dir = tempFolder({
      'manifest.yml':
        'modules:\n  trigger:\n    - key: changelog-notes\n      function: f\n      events: [avi:jira:updated:issue]\n  function:\n    - key: f\n      handler: index.run\napp:\n  id: ari:cloud:ecosystem::app/00000000-0000-4000-8000-000000000000\n',
      'src/index.ts': `import api, { route } from '@forge/api';
export const run = async (event: { issue: { key: string }; changelog?: { items?: { field: string }[] } }) => {
  const items = event.changelog?.items;
  if (!Array.isArray(items) || items.length === 0) return;
  await api.asApp().requestJira(route\`/rest/api/3/issue/\${event.issue.key}/comment\`, { method: 'POST', body: JSON.stringify({ body: items[0]!.field }) });
};
`,
    });
    symlinkSync(join(repo, 'node_modules'), join(dir, 'node_modules'), 'dir');
    const [row] = await failingRows(dir, ['--num-runs', '20']);
    expect(row?.failures.map((f) => f.property)).toEqual(['no-duplicate-effects', 'no-swallowed-failures']);
    const handler = await loaded(join(dir, 'src', 'index.ts'), 'run');
    for (const failure of row!.failures) {
      const { options } = replayLine(failure.report);
      expect(options).toMatchObject({ eventType: 'avi:jira:updated:issue', moduleKey: 'changelog-notes' });
      const replayed = await checkRetrySemantics(handler, options);
      const again = replayed.failures.find((f) => f.property === failure.property);
      // The replay names the search's narrowed properties, which the replayed check takes as given: the rest is identical.
      expect(again?.report.replace(REPLAY_LINE, '')).toBe(failure.report.replace(REPLAY_LINE, ''));
      expect(replayLine(again!.report).options).toMatchObject({ seed: options.seed, path: options.path, eventType: options.eventType });
    }
    // The issue-created payload is one constant event, which shrinks no further: without the event type the
    // path names no scenario at all.
    const { eventType: _eventType, moduleKey: _moduleKey, ...withoutEventType } = replayLine(row!.failures[0]!.report).options;
    const outcome = await checkRetrySemantics(handler, withoutEventType).then(
      (r) => r.failures.map((f) => f.property),
      (error: Error) => error.message,
    );
    expect(outcome).toContain('names no scenario of seed');
  });
});
