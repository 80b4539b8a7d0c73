/**
 * Sending a batch of items to a platform service exactly as often as a careful app can promise:
 * at most once. `Queue.push` and `appEvents.publish` take no idempotency key, so after a response lost
 * to a timeout nobody can tell whether the items went out. This helper claims the event in KVS before
 * sending (`keyPolicy: 'FAIL_IF_EXISTS'`, which answers 409 `KEY_CONFLICT` when an earlier delivery
 * claimed it), treats claimed items as sent, and puts back only the items a send definitely did not
 * deliver: all of them after a failure, the failed ones after a partial success (which it sends again
 * once in the same delivery). A lost response therefore loses its items instead of sending them twice.
 */
import { kvs } from '@forge/kvs';
import { ServiceFailure, guard, messageOf } from './policy.js';

/** What one send came to. */
export type SendResult<T> =
  | { readonly kind: 'sent' }
  | { readonly kind: 'partial'; readonly failed: readonly T[] }
  /** A failure a later delivery may not meet (rate limit, outage, network). */
  | { readonly kind: 'failed'; readonly rateLimited: boolean; readonly message: string }
  /** A failure no retry will fix (too big, the cyclic limit): the items are dropped. */
  | { readonly kind: 'refused'; readonly message: string };

interface Claim<T> {
  readonly remaining: readonly T[];
}

const isConflict = (error: unknown): boolean => (error as { code?: unknown } | undefined)?.code === 'KEY_CONFLICT';

/**
 * Sends `items` for the event named by `claimKey` at most once across all its deliveries.
 * Throws ServiceFailure when the caller should ask for a retry.
 *
 * @example
 * await sendOnce(`pushed:${issueKey}`, jobs, async (items) => pushResult(() => queue.push(items)));
 */
export const sendOnce = async <T>(
  claimKey: string,
  items: readonly T[],
  send: (items: readonly T[]) => Promise<SendResult<T>>,
): Promise<'sent' | 'already-sent' | 'dropped'> => {
  let pending: readonly T[] = items;
  try {
    await kvs.set<Claim<T>>(claimKey, { remaining: [] }, { keyPolicy: 'FAIL_IF_EXISTS' });
  } catch (error) {
    if (!isConflict(error)) throw new ServiceFailure('claim', (error as { code?: unknown }).code === 'RATE_LIMIT_EXCEEDED', `claim: ${messageOf(error)}`);
    const claim = await guard('read-claim', () => kvs.get<Claim<T>>(claimKey));
    pending = Array.isArray(claim?.remaining) ? claim.remaining : [];
    if (pending.length === 0) return 'already-sent';
    await guard('take-claim', () => kvs.set<Claim<T>>(claimKey, { remaining: [] }));
  }
  let result = await send(pending);
  if (result.kind === 'partial') {
    pending = result.failed;
    result = await send(pending);
  }
  switch (result.kind) {
    case 'sent':
      return 'sent';
    case 'refused':
      console.error(`dropping ${pending.length} item(s): ${result.message}`);
      return 'dropped';
    case 'partial':
    case 'failed': {
      const left = result.kind === 'partial' ? result.failed : pending;
      // Put back what definitely did not go out; if even that fails, those items are lost, not doubled.
      await guard('release-claim', () => kvs.set<Claim<T>>(claimKey, { remaining: left }));
      throw new ServiceFailure(
        'send',
        result.kind === 'failed' && result.rateLimited,
        result.kind === 'failed' ? result.message : `${left.length} item(s) failed`,
      );
    }
  }
};
