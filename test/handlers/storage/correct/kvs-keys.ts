/**
 * CORRECT (product event, avi:jira:created:issue): remembers the last synced summary per issue under a
 * key built from the event, the way sync apps keep per-issue state in KVS. The key uses `:` as its
 * separator and squeezes anything else the service refuses to `_`, capped at the 500 characters the
 * service allows (docs/platform.md "Key-value store": KVS key rules). Its error handling is the one
 * ../buggy/kvs-keys.ts also has: a transient failure (429, 5xx, no response) is a retry, any other
 * error is rethrown, since a handler cannot fix a request the service refuses.
 *
 * Why it passes every property: its keys are always valid, so nothing it rethrows ever happens; the
 * write is `kvs.set` of a value taken from the event, so a redelivery writes the same; transient
 * failures are retries with backoff, and on the last retry it gives up without asking again.
 */
import { kvs } from '@forge/kvs';
import { ServiceFailure, messageOf, retryOrGiveUp, type RetryContext } from '../policy.js';

/** The part of the event these handlers read. */
export interface IssueEvent {
  readonly issue?: { readonly key?: string; readonly fields?: { readonly project?: { readonly key?: string }; readonly summary?: string } };
  readonly retryContext?: RetryContext;
}

/** A failure a later delivery may not meet: a 429 or 5xx from the service, or no response at all. */
export const isTransient = (error: unknown): boolean => {
  const status = (error as { responseDetails?: { status?: unknown } } | undefined)?.responseDetails?.status;
  return typeof status !== 'number' || status === 429 || status >= 500;
};

/**
 * Writes the summary under `key` and turns a transient failure into a retry; anything else escapes.
 *
 * @example
 * return recordSummary(event, 'sync:SUP:SUP-1');
 */
export const recordSummary = async (event: IssueEvent, key: string) => {
  const issueKey = event.issue?.key ?? '';
  try {
    const previous = await kvs.get<{ summary?: string }>(key);
    await kvs.set(key, { issueKey, summary: event.issue?.fields?.summary ?? '' });
    return { result: previous === undefined ? 'first-sync' : 'resynced' };
  } catch (error) {
    if (!isTransient(error)) throw error;
    const rateLimited = (error as { responseDetails?: { status?: unknown } }).responseDetails?.status === 429;
    return retryOrGiveUp(new ServiceFailure('sync', rateLimited, messageOf(error)), event.retryContext, { issueKey });
  }
};

const KEY_LIMIT = 500;
const safeKey = (...parts: string[]): string =>
  parts
    .map((p) => p.replace(/[^a-zA-Z0-9._\s#-]/g, '_'))
    .join(':')
    .slice(0, KEY_LIMIT);

/** The trigger function. */
export const handler = async (event: IssueEvent) => {
  const issueKey = event?.issue?.key;
  const project = event?.issue?.fields?.project?.key;
  if (typeof issueKey !== 'string' || typeof project !== 'string') return { result: 'not-an-issue-event' };
  return recordSummary(event, safeKey('sync', project, issueKey));
};

export const options = { trigger: 'product-event' } as const;
