/**
 * CORRECT (product event, avi:jira:created:issue, a `storage` seed): labels new issues only when the
 * app's configuration, kept in KVS by its admin page, says so, as configurable Forge apps do: it reads
 * `triage-config` with @forge/kvs and returns early when it is absent or disabled. With the seed the
 * gate is open, so the real path (an idempotent label edit) is what gets checked.
 *
 * Why it passes every property: the KVS read is guarded (a failure is a retry, retryOrGiveUp); the
 * label edit is an idempotent PUT; 429/5xx/network errors become InvocationErrors honouring
 * Retry-After (retryHttp); it never throws.
 */
import { asApp, route } from '@forge/api';
import { kvs } from '@forge/kvs';
import { HttpFailure, ServiceFailure, guard, messageOf, retryHttp, retryOrGiveUp, type RetryContext } from '../../storage/policy.js';
import { product } from '../http.js';

/** The configuration the admin page stores. */
export interface TriageConfig {
  readonly enabled?: boolean;
  readonly label?: string;
}

/** The key the configuration lives under. */
export const CONFIG_KEY = 'triage-config';

/** The seed that opens the gate. */
export const STORAGE = { keys: { [CONFIG_KEY]: { enabled: true, label: 'needs-triage' } } };

interface IssueCreated {
  readonly issue?: { readonly key?: string };
  readonly retryContext?: RetryContext;
}

/** The label edit: adding a label that is there already changes nothing. */
export const addLabel = (key: string, label: string) =>
  asApp().requestJira(route`/rest/api/3/issue/${key}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ update: { labels: [{ add: label }] } }),
  });

/** The trigger function. */
export const handler = async (event: IssueCreated) => {
  const key = event?.issue?.key;
  if (typeof key !== 'string') return { result: 'not-an-issue-event' };
  try {
    const config = await guard('read-config', () => kvs.get<TriageConfig>(CONFIG_KEY));
    if (config?.enabled !== true || typeof config.label !== 'string') return { result: 'disabled' };
    const label = config.label;
    const edited = await product('add-label', () => addLabel(key, label));
    return { result: edited.ok ? 'labelled' : `refused-${edited.status}` };
  } catch (error) {
    if (error instanceof HttpFailure) return retryHttp(error, event.retryContext, { key });
    if (error instanceof ServiceFailure) return retryOrGiveUp(error, event.retryContext, { key });
    console.error(`not retrying: ${messageOf(error)}`);
    return undefined;
  }
};

export const options = { trigger: 'product-event', storage: STORAGE } as const;
