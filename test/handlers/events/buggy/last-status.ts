/**
 * BUGGY: no-stale-overwrite must catch it. Mirrors each issue's status into KVS for a dashboard (as
 * status-sync apps do): on every status change it writes the new status. It trusts arrival order, but
 * Forge gives none between events, so a late "In Progress" lands after the "Done" that followed it and
 * the dashboard shows the old status for good, although each event's changelog id said which was newer.
 */
import { kvs } from '@forge/kvs';
import { callStorage, guarded, type IssueEvent } from '../policy.js';

export const handler = async (event: IssueEvent) => {
  const key = event?.issue?.key;
  const status = event?.changelog?.items?.find((i) => i.field === 'status')?.toString;
  if (typeof key !== 'string' || typeof status !== 'string') return { result: 'no-status-change' };
  return guarded(event.retryContext, { key }, async () => {
    await callStorage('write-status', () => kvs.set(`status:${key}`, { status, changelog: event.changelog?.id ?? null }));
    return { result: 'mirrored', status };
  });
};

// Stale overwrites need a late older event landing after a newer one: 40 many-events runs missed it on
// seed 12 of 20, 80 find it; the buggy and the correct mirror are checked with the same budget.
export const options = { trigger: 'product-event', manyEvents: { runs: 80 } } as const;
