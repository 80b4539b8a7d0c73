/**
 * BUGGY: no-swallowed-failures must catch it (a getSecret failure before the last retry). The signing
 * handler of ../correct/kvs-secret.ts with the read many apps write: `getSecret(...).catch(() =>
 * undefined)`, so a throttled or failed read means "no key yet". The handler then writes a new signing
 * key over the real one and completes the event: receivers holding the old key reject everything after.
 */
import { kvs } from '@forge/kvs';
import { SIGNING_KEY, writeSigned, type IssueEvent } from '../correct/kvs-secret.js';
import { guard, runGuarded } from '../policy.js';

export const handler = async (event: IssueEvent) => {
  const issueKey = event?.issue?.key;
  if (typeof issueKey !== 'string') return { result: 'not-an-issue-event' };
  return runGuarded(event.retryContext, { issueKey }, async () => {
    let secret = await kvs.getSecret<string>(SIGNING_KEY).catch(() => undefined);
    if (secret === undefined) {
      secret = `key-${event.issue?.id ?? issueKey}`;
      const created = secret;
      await guard('create-signing-key', () => kvs.setSecret(SIGNING_KEY, created));
    }
    return writeSigned(issueKey, event.issue?.fields?.summary ?? '', secret);
  });
};

export const options = { trigger: 'product-event' } as const;
