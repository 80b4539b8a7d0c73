/**
 * CORRECT: the status mirror of ../buggy/last-status.ts that keeps the newest change. Changelog ids
 * grow with every change of the issue, so the mirror stores the id with the status and writes only
 * when its event is newer, in a `kvs.transact()` conditioned on the id it read (or on there being
 * none), so a newer write that lands in between makes it read again.
 */
import { Filter, FilterConditions, kvs } from '@forge/kvs';
import { callStorage, guarded, type IssueEvent } from '../policy.js';

interface Mirror {
  readonly status: string;
  readonly changelog: number;
}

const ATTEMPTS = 6;

export const handler = async (event: IssueEvent) => {
  const key = event?.issue?.key;
  const status = event?.changelog?.items?.find((i) => i.field === 'status')?.toString;
  const changelog = Number(event?.changelog?.id);
  if (typeof key !== 'string' || typeof status !== 'string' || !Number.isSafeInteger(changelog)) return { result: 'no-status-change' };
  return guarded(event.retryContext, { key }, async () => {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const stored = await callStorage('read-status', () => kvs.entity<Mirror>('issue-status').get(key));
      if (stored !== undefined && stored.changelog >= changelog) return { result: 'newer-already-stored' };
      const unchanged =
        stored === undefined
          ? new Filter<Mirror>().and('changelog', FilterConditions.notExists())
          : new Filter<Mirror>().and('changelog', FilterConditions.equalTo(stored.changelog));
      const written = await callStorage('write-status', async () => {
        try {
          await kvs.transact().set<Mirror>(key, { status, changelog }, { entityName: 'issue-status', conditions: unchanged }).execute();
          return true;
        } catch (error) {
          if ((error as { code?: unknown }).code === 'CONDITIONAL_CHECK_FAILED') return false;
          throw error;
        }
      });
      if (written) return { result: 'mirrored', status };
    }
    return { result: 'gave-up-on-conflicts' };
  });
};

// An updated-issue handler: its single-event runs get updated-issue payloads, as the manifest would give it.
// Stale overwrites need a late older event landing after a newer one: 40 many-events runs missed it on
// seed 12 of 20, 80 find it; the buggy and the correct mirror are checked with the same budget.
export const options = { trigger: 'product-event', eventType: 'avi:jira:updated:issue', manyEvents: { runs: 80 } } as const;
