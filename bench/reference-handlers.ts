/**
 * The reference handlers of the throughput and latency benchmarks. All three follow Forge's retry
 * semantics (they pass every property), so a check of them measures the passing path:
 * (a) no upstream call; (b) three upstream calls through the real SDKs: requestJira GET, requestJira
 * POST (with an Idempotency-Key, so a retry does not create twice) and kvs.set; (c) the same three
 * calls with a 2 s in-process sleep between them, which the harness skips in virtual time.
 * Failures go through the example app's retry policy (examples/forge-app/src/retry.ts).
 */
import { asApp, route } from '@forge/api';
import { kvs } from '@forge/kvs';
import { RetryableFailure, callStorage, callUpstream, isLastChance, retryLater, type RetryContext } from '../examples/forge-app/src/retry.js';

interface IssueEvent {
  readonly issue?: { readonly key?: string };
  readonly retryContext?: RetryContext;
}

/** (a) Reads its event and returns. */
export const noUpstream = async (event: IssueEvent): Promise<void> => {
  const key = event?.issue?.key;
  if (typeof key !== 'string' || key === '') return;
  return;
};

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const threeCallsWith = (pause: () => Promise<void>) => async (event: IssueEvent) => {
  const key = event?.issue?.key;
  if (typeof key !== 'string') return;
  try {
    await callUpstream('read-issue', () => asApp().requestJira(route`/rest/api/3/issue/${key}?fields=summary`, { headers: { Accept: 'application/json' } }));
    await pause();
    await callUpstream('post-comment', () =>
      asApp().requestJira(route`/rest/api/3/issue/${key}/comment`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `bench-comment:${key}` },
        body: JSON.stringify({ body: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'seen' }] }] } }),
      }),
    );
    await pause();
    await callStorage('remember', () => kvs.set(`bench-commented:${key}`, true));
  } catch (error) {
    if (error instanceof RetryableFailure && !isLastChance(event.retryContext)) return retryLater(error, event.retryContext, { issueKey: key });
  }
  return;
};

/** (b) GET, POST with an Idempotency-Key, kvs.set. */
export const threeCalls = threeCallsWith(async () => undefined);

/** (c) Like (b), sleeping 2 s in-process between the calls. */
export const threeCallsSleeping = threeCallsWith(() => sleep(2000));

/** The reference handlers by label, in table order. */
export const REFERENCE_HANDLERS = [
  { id: 'a', name: '(a) no upstream call', handler: noUpstream, sleeps: false },
  { id: 'b', name: '(b) 3 upstream calls (GET, POST, kvs.set)', handler: threeCalls, sleeps: false },
  { id: 'c', name: '(c) 3 calls + 2 s in-process sleeps', handler: threeCallsSleeping, sleeps: true },
] as const;
