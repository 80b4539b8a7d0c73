/**
 * BUGGY (product event, avi:jira:created:issue, a `storage` seed): the same configuration-gated
 * labeller, but on the gated path the label edit is fire-and-forget: a 429, a 5xx or a network error is
 * logged and the handler returns success, so the issue is never labelled. Without the seed the gate is
 * closed, the handler returns before any request, and nothing could show the bug: the seed is what
 * makes the check reach it (test/corpus/world-handlers.test.ts shows both).
 *
 * Caught by: no-swallowed-failures.
 */
import { kvs } from '@forge/kvs';
import { ServiceFailure, guard, messageOf, retryOrGiveUp, type RetryContext } from '../../storage/policy.js';
import { CONFIG_KEY, STORAGE, addLabel, type TriageConfig } from '../correct/config-gated.js';

interface IssueCreated {
  readonly issue?: { readonly key?: string };
  readonly retryContext?: RetryContext;
}

/** The trigger function. */
export const handler = async (event: IssueCreated) => {
  const key = event?.issue?.key;
  if (typeof key !== 'string') return { result: 'not-an-issue-event' };
  let config: TriageConfig | undefined;
  try {
    config = await guard('read-config', () => kvs.get<TriageConfig>(CONFIG_KEY));
  } catch (error) {
    if (error instanceof ServiceFailure) return retryOrGiveUp(error, event.retryContext, { key });
    console.error(`not retrying: ${messageOf(error)}`);
    return undefined;
  }
  if (config?.enabled !== true || typeof config.label !== 'string') return { result: 'disabled' };
  try {
    const edited = await addLabel(key, config.label);
    if (!edited.ok) console.warn(`label not added to ${key} (HTTP ${edited.status})`);
  } catch (error) {
    console.warn(`label not added to ${key}: ${messageOf(error)}`);
  }
  return { result: 'labelled' };
};

export const options = { trigger: 'product-event', storage: STORAGE } as const;
