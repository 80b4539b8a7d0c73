/**
 * Issue 10, "virtual time that is true": every simulated request takes generated virtual time
 * (docs/platform.md#requestlatency), so an answer arrives after the handler's own code has moved on.
 *
 * BUGGY `labelsWithoutAwaiting` (product event): when a parent issue is triaged, labels its five
 * sub-tasks with `subtasks.forEach(async (k) => { await label(k); })` and returns. `forEach` does not
 * wait for an async callback, so the handler returns with five PUTs in flight; on Forge the process is
 * frozen when the handler returns and the labels may never land. bounded-invocation must catch it on
 * every seed: the answers are still on their way (their latency) when the handler returns.
 *
 * CORRECT `labelsTogether` (product event): the same five PUTs with `Promise.allSettled`, awaited,
 * then a retry with the longest wait any failure asked for (the platform corpus policy). It must pass.
 *
 * CORRECT `propagateFixVersion` (./invocation-work.ts) is the other half of the latency claim: 61
 * requests one after another stay under the 25 s timeout under any generated latency.
 */
import { asApp, route } from '@forge/api';
import { UpstreamFailure, call, isLastProductDelivery, retryFor, type RetryContext } from './policy.js';

interface IssueEvent {
  readonly issue?: { readonly key?: string };
  readonly retryContext?: RetryContext;
}

const LABEL = 'triaged';
const SUBTASKS = 5;

const subtaskKeys = (parent: string): string[] => Array.from({ length: SUBTASKS }, (_, i) => `${parent}${i + 1}`);

const label = (key: string) =>
  call(`label-${key}`, () =>
    asApp().requestJira(route`/rest/api/3/issue/${key}?notifyUsers=false`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ update: { labels: [{ add: LABEL }] } }),
    }),
  );

export const labelsWithoutAwaiting = async (event: IssueEvent) => {
  const key = event?.issue?.key;
  if (typeof key !== 'string') return;
  subtaskKeys(key).forEach(async (k) => {
    try {
      await label(k);
    } catch (error) {
      console.warn(`triage: could not label ${k}: ${String(error)}`);
    }
  });
  return;
};

export const labelsTogether = async (event: IssueEvent) => {
  const key = event?.issue?.key;
  if (typeof key !== 'string') return;
  const results = await Promise.allSettled(subtaskKeys(key).map(label));
  const failures = results.flatMap((r) => (r.status === 'rejected' && r.reason instanceof UpstreamFailure ? [r.reason] : []));
  if (failures.length === 0) return;
  if (isLastProductDelivery(event.retryContext)) {
    console.error(`triage: giving up on ${key}: ${failures.map((f) => f.message).join(', ')}`);
    return;
  }
  return retryFor(failures, event.retryContext, { key });
};

export const options = { trigger: 'product-event' } as const;

/** How many issues `updatesOneByOne` walks through: within the request budget, beyond what 25 s of slow answers allow. */
export const BACKLOG = 150;

/**
 * BUGGY only if requests are as slow as generated (`requestLatency`): `updatesOneByOne` (product event)
 * re-ranks a backlog of 150 issues with one PUT after another in a single invocation and no time budget.
 * At the generated latencies (up to 300 ms each) that can pass 25 s, so the invocation is cut off and
 * retried from the start; at a tenth of them it finishes in time. Atlassian documents no latency, so the
 * finding is a warning naming requestLatency, a failure only with strictAssumptions.
 */
export const updatesOneByOne = async (event: IssueEvent) => {
  const key = event?.issue?.key;
  if (typeof key !== 'string') return;
  try {
    for (let i = 1; i <= BACKLOG; i++) {
      const rank = `BL-${i}`;
      await call(`rank-${rank}`, () =>
        asApp().requestJira(route`/rest/api/3/issue/${rank}?notifyUsers=false`, {
          method: 'PUT',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ fields: { customfield_10019: String(i).padStart(4, '0') } }),
        }),
      );
    }
  } catch (error) {
    if (!(error instanceof UpstreamFailure) || isLastProductDelivery(event.retryContext)) return;
    return retryFor([error], event.retryContext, { key });
  }
  return;
};
