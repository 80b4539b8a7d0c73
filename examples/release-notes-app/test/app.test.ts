/**
 * The release-notes app as its developers would check it: the CLI over manifest.yml, with the
 * config file beside it. Each handler gets its verdict; the wrong ones fail with their own property.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { main } from '../../../src/cli/run.js';

const app = join(dirname(fileURLToPath(import.meta.url)), '..');

interface Row {
  readonly module: string;
  readonly eventType?: string;
  readonly status: string;
  readonly input?: string;
  readonly failures: readonly { readonly property: string }[];
  readonly inconclusive?: { readonly reason: string; readonly supply: string };
}

const check = async (extra: readonly string[] = []): Promise<{ code: number; rows: Row[] }> => {
  let stdout = '';
  let stderr = '';
  const code = await main(['--cwd', app, '--json', '--num-runs', '50', ...extra], {
    stdout: { write: (s: string) => (stdout += s), isTTY: false },
    stderr: { write: (s: string) => (stderr += s) },
    cwd: app,
    env: {},
  });
  if (stdout === '') throw new Error(stderr);
  return { code, rows: (JSON.parse(stdout) as { handlers: Row[] }).handlers };
};

describe('release-notes app: retry semantics', () => {
  test('every handler gets a verdict: right ones pass, wrong ones fail with their property', async () => {
    const { code, rows } = await check();
    expect(rows.map((r) => [r.module, r.eventType ?? 'consumer', r.status, r.failures.map((f) => f.property)])).toEqual([
      ['issue-activity-release-notes', 'avi:jira:updated:issue', 'passed', []],
      ['issue-activity-release-notes', 'avi:jira:commented:issue', 'passed', []],
      ['comment-acknowledge', 'avi:jira:commented:issue', 'failed', ['no-duplicate-effects']],
      ['page-created-index', 'avi:confluence:created:page', 'failed', ['no-duplicate-effects']],
      ['page-index-consumer', 'consumer', 'passed', []],
    ]);
    expect(code).toBe(1);
    // The consumer is fed what the producer pushes, not an invented body.
    expect(rows[4]!.input).toMatch(/^\d+ bod(y|ies) pushed to queue "page-index" by page-created-index$/);
  });

  test('without the settings seed, the gated handlers are inconclusive and say which key to seed', async () => {
    // The same config without `storage`: what an app checked before anyone wrote its settings sees.
    const dir = mkdtempSync(join(tmpdir(), 'release-notes-'));
    const config = join(dir, 'unseeded.config.json');
    writeFileSync(config, JSON.stringify({ defaults: { numRuns: 20 } }));
    try {
      const { rows } = await check(['--config', config, '--num-runs', '20']);
      const gated = rows.filter((r) => r.module !== 'comment-acknowledge' && r.module !== 'page-created-index');
      expect(gated.map((r) => [r.module, r.status])).toEqual([
        ['issue-activity-release-notes', 'inconclusive'],
        ['issue-activity-release-notes', 'inconclusive'],
        ['page-index-consumer', 'inconclusive'],
      ]);
      for (const row of gated) {
        expect(row.inconclusive?.reason).toContain('read only store keys that were never there ("settings")');
        expect(row.inconclusive?.supply).toContain('storage: { keys: { "settings": <its value> } }');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
