/**
 * Issue 10, item 9 (GraphQL): a mutation is an effect however the document begins, unless settings name
 * it idempotent.
 *
 * BUGGY `fragmentFirst` (product event): posts a triage comment through the GraphQL gateway, with the
 * document laid out as codegen tools emit it, the fragment first; then labels the issue over REST and
 * asks for a retry when that fails. The retry (and a timeout after the mutation took effect, and a
 * duplicate delivery) posts the comment again. The old harness read "does the text start with
 * mutation" and missed it; no-duplicate-effects must catch it.
 *
 * BUGGY `commentFirst` (product event): the same, with a `# ...` comment line before `mutation`.
 *
 * CORRECT `idempotentResync` (product event, with `resyncSettings`): on every delivery it re-asserts
 * the issue's sync state with a mutation that sets a value (the same state again changes nothing), reads
 * the issue's links with a query that opens with a comment and a fragment, and retries per the platform
 * policy. The settings name the mutation's root field idempotent, so it must pass every property; with
 * the old harness a mutation was always an effect and it failed no-duplicate-effects.
 */
import { asApp, route } from '@forge/api';
import { InvocationError, InvocationErrorCode } from '@forge/events';
import { UpstreamFailure, call, isLastProductDelivery, retryFor, type RetryContext } from './policy.js';

interface IssueEvent {
  readonly issue?: { readonly id?: string; readonly key?: string };
  readonly retryContext?: RetryContext;
}

const ADD_COMMENT_WITH_FRAGMENT = `
fragment CommentParts on JiraPlatformComment {
  commentId
  created
}

mutation AddTriageComment($issueId: ID!, $body: String!) {
  jira {
    addComment(input: { issueId: $issueId, body: $body }) {
      success
      comment { ...CommentParts }
    }
  }
}`;

const ADD_COMMENT_WITH_COMMENT = `# Adds the triage note; see docs/triage.md
mutation AddTriageComment($issueId: ID!, $body: String!) {
  jira { addComment(input: { issueId: $issueId, body: $body }) { success } }
}`;

const commentThenLabel = (document: string) => async (event: IssueEvent) => {
  const issueKey = event?.issue?.key ?? 'unknown';
  if ((event.retryContext?.retryCount ?? 0) >= 4) return;
  try {
    await asApp().requestGraph(document, { issueId: event?.issue?.id ?? issueKey, body: 'Thanks, we are looking into it.' });
    const res = await asApp().requestJira(route`/rest/api/3/issue/${issueKey}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ update: { labels: [{ add: 'triaged' }] } }),
    });
    if (res.status === 429 || res.status >= 500) {
      return new InvocationError({
        retryAfter: 60,
        retryReason: res.status === 429 ? InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED : InvocationErrorCode.FUNCTION_RETRY_REQUEST,
      });
    }
  } catch {
    return new InvocationError({ retryAfter: 60, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST });
  }
  return;
};

export const fragmentFirst = commentThenLabel(ADD_COMMENT_WITH_FRAGMENT);
export const commentFirst = commentThenLabel(ADD_COMMENT_WITH_COMMENT);

const RESYNC = `
mutation ResyncIssueState($issueId: ID!) {
  setIssueSyncState(input: { issueId: $issueId, state: SYNCED }) { success }
}`;

const READ_LINKS = `# Reads the links the sync mirrors; a query, whatever the comment says: mutation
fragment LinkParts on JiraIssueLink { id direction }
query IssueLinks($issueId: ID!) {
  jira { issue(id: $issueId) { links { ...LinkParts } } }
}`;

export const idempotentResync = async (event: IssueEvent) => {
  const issueId = event?.issue?.id;
  if (typeof issueId !== 'string') return;
  try {
    await call('resync-state', () => asApp().requestGraph(RESYNC, { issueId }));
    await call('read-links', () => asApp().requestGraph(READ_LINKS, { issueId }));
  } catch (error) {
    if (!(error instanceof UpstreamFailure)) return;
    if (isLastProductDelivery(event.retryContext)) {
      console.error(`resync: giving up on ${issueId}: ${error.message}`);
      return;
    }
    return retryFor([error], event.retryContext, { issueId });
  }
  return;
};

export const options = { trigger: 'product-event' } as const;
export const resyncOptions = { trigger: 'product-event', settings: { idempotentMutations: ['setIssueSyncState'] } } as const;
