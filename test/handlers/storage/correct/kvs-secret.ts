/**
 * CORRECT (product event, avi:jira:created:issue): signs an outgoing record per issue with an app-wide
 * signing key kept in KVS secret storage (`kvs.getSecret` / `kvs.setSecret`), the way apps that call
 * webhooks keep their credentials. The key is created on first use; a read that fails is a retry,
 * never "there is no key yet". Secrets cannot be listed: `kvs.query()` reads plain keys only, so the
 * key is always read by name.
 *
 * Why it passes every property: every KVS call goes through the shared policy, so a failed getSecret
 * is a retry; setSecret and set write values derived from the event and the stored key, so a
 * redelivery writes the same; on the last retry it gives up without asking again; it never throws.
 */
import { kvs } from '@forge/kvs';
import { guard, runGuarded, type RetryContext } from '../policy.js';

/** The part of the event these handlers read. */
export interface IssueEvent {
  readonly issue?: { readonly key?: string; readonly id?: string; readonly fields?: { readonly summary?: string } };
  readonly retryContext?: RetryContext;
}

/** The secret's name. */
export const SIGNING_KEY = 'webhook-signing-key';

/** A stand-in for an HMAC: deterministic, so redeliveries sign the same way. */
export const sign = (secret: string, text: string): string => {
  let h = 0;
  for (const c of `${secret}|${text}`) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h.toString(16);
};

/**
 * Stores the signed record of an issue with the given signing key.
 *
 * @example
 * await writeSigned('SUP-1', 'summary', secret);
 */
export const writeSigned = async (issueKey: string, summary: string, secret: string) => {
  await guard('write-signed', () => kvs.set(`signed:${issueKey}`, { summary, signature: sign(secret, summary) }));
  return { result: 'signed', issueKey };
};

/** The trigger function. */
export const handler = async (event: IssueEvent) => {
  const issueKey = event?.issue?.key;
  if (typeof issueKey !== 'string') return { result: 'not-an-issue-event' };
  return runGuarded(event.retryContext, { issueKey }, async () => {
    let secret = await guard('read-signing-key', () => kvs.getSecret<string>(SIGNING_KEY));
    if (secret === undefined) {
      secret = `key-${event.issue?.id ?? issueKey}`;
      const created = secret;
      await guard('create-signing-key', () => kvs.setSecret(SIGNING_KEY, created));
    }
    return writeSigned(issueKey, event.issue?.fields?.summary ?? '', secret);
  });
};

// Its manifest trigger lists avi:jira:created:issue only: many-events scenarios deliver it no updates or comments.
export const options = { trigger: 'product-event', eventType: 'avi:jira:created:issue' } as const;
