/**
 * CORRECT (product event, avi:jira:created:issue): posts one "thanks, we're on it" comment on every
 * new issue, exactly once however often the event is delivered.
 *
 * Creating a comment is a POST, and a POST can take effect while its response is lost (the function
 * times out or runs out of memory mid-request), after which the platform retries the event. A
 * "done" marker in KVS written after the POST cannot tell that case apart from "never posted". So the
 * handler checks the upstream before creating: it lists the issue's recent comments with their
 * properties and looks for its own comment property (`triage-bot.welcome`), which it attaches to the
 * comment it creates. Only when none is found does it POST.
 *
 * The exported `fixture` plays the Jira comment API with state: a POST that took effect is recorded
 * and later GETs list it, as Jira would.
 *
 * Everything else is the example app's retry policy (see triage-issue.ts): Retry-After honoured and capped,
 * reason by cause, flat retryData, no retry on retryCount 4, never throws, no in-process waits.
 */
import { asApp, route } from '@forge/api';
import { RetryableFailure, callUpstream, isLastChance, messageOf, readJson, retryLater, type RetryContext } from '../../../examples/forge-app/src/retry.js';
import type { FixtureReply, FixtureRequest, UpstreamFixture } from '../types.js';

/** The comment property that marks our comment. */
export const WELCOME_PROPERTY = 'triage-bot.welcome';

/** The part of an `avi:jira:created:issue` payload this handler reads. */
export interface IssueCreatedEvent {
  readonly issue?: { readonly id?: string; readonly key?: string };
  readonly retryContext?: RetryContext;
}

interface JiraComment {
  readonly id?: string;
  readonly properties?: readonly { readonly key?: string; readonly value?: unknown }[];
}

const hasWelcomeComment = (comments: unknown): boolean =>
  Array.isArray(comments) && (comments as JiraComment[]).some((c) => c.properties?.some((p) => p.key === WELCOME_PROPERTY) === true);

const welcomeBody = (issueKey: string) => ({
  body: {
    type: 'doc',
    version: 1,
    content: [
      {
        type: 'paragraph',
        content: [{ type: 'text', text: `Thanks for reporting ${issueKey}. The support team has been notified and will triage it shortly.` }],
      },
    ],
  },
  properties: [{ key: WELCOME_PROPERTY, value: { issueKey } }],
});

const postWelcomeOnce = async (issueKey: string): Promise<'posted' | 'already-posted' | 'issue-gone'> => {
  // Our comment is among the first on a new issue; Jira returns oldest first.
  const existing = await callUpstream('list-comments', () =>
    asApp().requestJira(route`/rest/api/3/issue/${issueKey}/comment?startAt=0&maxResults=100&expand=properties`, {
      headers: { Accept: 'application/json' },
    }),
  );
  if (existing.status === 404) return 'issue-gone';
  const page = await readJson(existing);
  if (hasWelcomeComment(page['comments'])) return 'already-posted';

  const created = await callUpstream('post-comment', () =>
    asApp().requestJira(route`/rest/api/3/issue/${issueKey}/comment`, {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: JSON.stringify(welcomeBody(issueKey)),
    }),
  );
  if (created.status === 404) return 'issue-gone';
  if (!created.ok) console.warn(`welcome: Jira refused the comment on ${issueKey} (HTTP ${created.status})`);
  return 'posted';
};

/** The trigger function. */
export const handler = async (event: IssueCreatedEvent, _context?: unknown) => {
  const issueKey = event?.issue?.key;
  if (typeof issueKey !== 'string' || issueKey === '') return { result: 'not-an-issue-event' };
  try {
    return { result: await postWelcomeOnce(issueKey) };
  } catch (error) {
    if (!(error instanceof RetryableFailure)) {
      console.error(`welcome: ${issueKey}: unexpected error, not retrying: ${messageOf(error)}`);
      return { result: 'failed' };
    }
    if (isLastChance(event.retryContext)) {
      console.error(`welcome: ${issueKey}: giving up after the last retry: ${error.message}`);
      return { result: 'gave-up' };
    }
    return retryLater(error, event.retryContext, { issueKey });
  }
};

const COMMENTS_PATH = /^\/rest\/api\/3\/issue\/([^/?]+)\/comment(?:\?.*)?$/;

/**
 * The Jira comment API with memory: POSTed comments (with their properties) are stored per issue in
 * the run's `state` and listed by later GETs. Everything else gets the harness default.
 */
export const fixture: UpstreamFixture = (req: FixtureRequest, state: Map<string, unknown>): FixtureReply | undefined => {
  if (req.surface !== 'jira') return undefined;
  const match = COMMENTS_PATH.exec(req.path);
  if (match === null) return undefined;
  const key = `comments:${decodeURIComponent(match[1] ?? '')}`;
  const comments = (state.get(key) as JiraComment[] | undefined) ?? [];
  if (req.method === 'GET') {
    return { status: 200, body: { startAt: 0, maxResults: 100, total: comments.length, comments } };
  }
  if (req.method === 'POST') {
    const input = (req.json() ?? {}) as { properties?: JiraComment['properties'] };
    const comment: JiraComment = { id: String(10000 + comments.length), properties: input.properties ?? [] };
    state.set(key, [...comments, comment]);
    return { status: 201, body: comment };
  }
  return undefined;
};

/** Options for the check: the default issue-created event, answered by the stateful comment API. */
export const options = { trigger: 'product-event', upstream: fixture } as const;
