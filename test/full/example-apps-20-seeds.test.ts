/**
 * Both example apps through the CLI on seeds 1..20 (`npm run test:full`; npm test checks each on the
 * default seed): every handler gets its expected verdict on every seed. A right handler passes, or is
 * inconclusive with a reason; a wrong one fails with each property its file names. The verdict counts
 * per app are printed at the end.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/run.js';
import { repo } from '../cli/helpers.js';
import { seedsUpTo } from '../corpus/sweep.js';

interface Row {
  readonly module: string;
  readonly eventType?: string;
  readonly status: string;
  readonly failures: readonly { readonly property: string }[];
  readonly inconclusive?: { readonly reason: string; readonly supply: string };
}

/** What each handler (module key, and event for a trigger with several) must come to: `right`, or the properties its file names. */
type Expected = 'right' | readonly string[];

const APPS: Readonly<Record<string, Readonly<Record<string, Expected>>>> = {
  'forge-app': {
    'issue-created-triage avi:jira:created:issue': 'right',
    'issue-created-reporter-lookup avi:jira:created:issue': ['retry-after-valid', 'no-swallowed-failures'],
    'issue-updated-status-comment avi:jira:updated:issue': ['no-duplicate-effects'],
    'issue-assigned-escalation avi:jira:assigned:issue': ['no-duplicate-effects', 'no-swallowed-failures'],
    'worklog-created-export avi:jira:created:worklog': ['bounded-invocation'],
    'crm-sync-consumer consumer': 'right',
  },
  'release-notes-app': {
    'issue-activity-release-notes avi:jira:updated:issue': 'right',
    'issue-activity-release-notes avi:jira:commented:issue': 'right',
    'comment-acknowledge avi:jira:commented:issue': ['no-duplicate-effects'],
    'page-created-index avi:confluence:created:page': ['no-duplicate-effects'],
    'page-index-consumer consumer': 'right',
  },
};

const VERDICTS = ['passed', 'failed', 'warned', 'inconclusive'] as const;
const counts = new Map<string, Record<string, number>>();

const check = async (app: string, seed: number): Promise<Row[]> => {
  const dir = join(repo, 'examples', app);
  let stdout = '';
  let stderr = '';
  await main(['--cwd', dir, '--json', '--seed', String(seed), '--workers', '1'], {
    stdout: { write: (s: string) => (stdout += s), isTTY: false },
    stderr: { write: (s: string) => (stderr += s) },
    cwd: dir,
    env: {},
  });
  if (stdout === '') throw new Error(stderr);
  return (JSON.parse(stdout) as { handlers: Row[] }).handlers;
};

afterAll(() => {
  const lines = [...counts].map(([app, c]) => `${app}: ${VERDICTS.map((v) => `${c[v] ?? 0} ${v}`).join(', ')} (handler checks over 20 seeds)`);
  console.log(`example apps on seeds 1..20\n${lines.join('\n')}`);
});

for (const [app, expected] of Object.entries(APPS)) {
  describe(`examples/${app} through the CLI on 20 seeds`, () => {
    it.each(seedsUpTo(20))('seed %i: every handler gets its expected verdict', async (seed) => {
      const rows = await check(app, seed);
      expect(rows.map((r) => `${r.module} ${r.eventType ?? 'consumer'}`)).toEqual(Object.keys(expected));
      const tally = counts.get(app) ?? {};
      counts.set(app, tally);
      for (const row of rows) {
        tally[row.status] = (tally[row.status] ?? 0) + 1;
        const want = expected[`${row.module} ${row.eventType ?? 'consumer'}`]!;
        const what = `${row.module} ${row.eventType ?? ''} on seed ${seed}`;
        if (want === 'right') {
          // Zero false positives: a right handler neither fails nor warns on any seed.
          expect(row.failures, what).toEqual([]);
          expect(['passed', 'inconclusive'], what).toContain(row.status);
          if (row.status === 'inconclusive') expect(row.inconclusive?.reason, what).toMatch(/\S/);
        } else {
          expect(row.status, what).toBe('failed');
          expect(
            row.failures.map((f) => f.property),
            what,
          ).toEqual(expect.arrayContaining([...want]));
        }
      }
    });
  });
}
