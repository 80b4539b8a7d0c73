/** @jsx adf */
/**
 * RIGHT. `avi:jira:updated:issue` and `avi:jira:commented:issue` (one trigger, two events): keeps a
 * release note for the issue as an issue property, in Atlassian Document Format built with JSX (the
 * layout of the older Forge templates, a `.jsx` handler file). A status change or a comment that
 * mentions a release note rewrites the property with an idempotent PUT, so a redelivery does no harm.
 * Gated on the `announceStatusChanges` setting in KVS (./settings.ts): nothing happens until an admin
 * stores it. Failures become InvocationError via ./retry.ts; on the last retry it logs and returns
 * instead of asking for a fifth.
 */
import { asApp, route } from '@forge/api';
import { RetryableFailure, callUpstream, isLastChance, messageOf, retryLater } from './retry.js';
import { readSettings } from './settings.js';

/** Builds an ADF node: `<paragraph>text</paragraph>` is `{ type: 'paragraph', content: [{ type: 'text', text }] }`. */
const adf = (type, props, ...children) => ({
  type,
  ...(props ? { attrs: props } : {}),
  content: children.flat().map((child) => (typeof child === 'string' ? { type: 'text', text: child } : child)),
});

const noteFor = (event) => {
  const status = (event?.changelog?.items ?? []).find((item) => item?.field === 'status');
  if (status) {
    return (
      <doc version={1}>
        <paragraph>{`Status: ${status.fromString ?? 'none'} -> ${status.toString ?? 'none'}`}</paragraph>
      </doc>
    );
  }
  const comment = typeof event?.comment?.body === 'string' ? event.comment.body : '';
  if (comment.toLowerCase().includes('release note')) {
    return (
      <doc version={1}>
        <paragraph>{comment}</paragraph>
      </doc>
    );
  }
  return undefined;
};

export const onIssueActivity = async (event) => {
  const issueKey = event?.issue?.key;
  if (typeof issueKey !== 'string') return;
  try {
    const settings = await readSettings();
    if (settings?.announceStatusChanges !== true) return;
    const note = noteFor(event);
    if (note === undefined) return;
    await callUpstream('store-note', () =>
      asApp().requestJira(route`/rest/api/3/issue/${issueKey}/properties/release-note`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(note),
      }),
    );
  } catch (error) {
    if (!(error instanceof RetryableFailure)) {
      console.error(`release-note ${issueKey}: not retrying an unexpected error: ${messageOf(error)}`);
      return;
    }
    if (!isLastChance(event.retryContext)) return retryLater(error, event.retryContext, { issueKey });
    console.error(`release-note ${issueKey}: giving up: ${error.message}`);
  }
  return;
};
