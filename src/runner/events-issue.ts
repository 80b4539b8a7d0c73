/**
 * The one Jira issue a many-events run changes: its fields as they are now, the payloads of the events
 * its changes produce, and the answers to the handler's reads and writes of it. A write that changes a
 * field produces an `avi:jira:updated:issue` event with `selfGenerated: true`; a write that changes
 * nothing produces none (assumed: Jira's changelog lists changed fields only, so a no-op edit has
 * nothing to announce).
 */
import { after, seconds, type VirtualMs } from '../../models/time.js';
import type { UpstreamFixture, UpstreamReply, UpstreamRequest } from '../upstream/fixtures.js';
import type { IssueChange } from '../scenario/events.js';

/** The issue's key in every many-events run. */
export const EVENTS_ISSUE_KEY = 'SHOP-42';
const ISSUE_ID = '10042';
const USER = { accountId: '5b10ac8d82e05b22cc7d4ef5', displayName: 'Mia Krystof' };
/** The app's own account: events its writes produce name it as the actor. */
const APP_USER = { accountId: '557058:forge-app-retry-harness', displayName: 'Forge app' };

type Fields = Record<string, unknown>;

const ISSUE_PATH = new RegExp(`^/rest/api/[23]/issue/(?:${EVENTS_ISSUE_KEY}|${ISSUE_ID})(?:\\?.*)?$`);
const COMMENT_PATH = new RegExp(`^/rest/api/[23]/issue/(?:${EVENTS_ISSUE_KEY}|${ISSUE_ID})/comment(?:\\?.*)?$`);

/** A field change a write made: what a self-generated event's changelog lists. */
export interface FieldChange {
  readonly field: string;
  readonly from: unknown;
  readonly to: unknown;
}

/** The issue during one run. */
export class EventsIssue {
  #fields: Fields = {
    summary: 'Checkout fails on Safari',
    status: { name: 'To Do' },
    labels: [] as string[],
    issuetype: { name: 'Bug' },
    project: { key: 'SHOP' },
  };
  #changelog = 10_500;
  #comments = 0;

  /** The fields as JSON-safe data. */
  fields(): Fields {
    return JSON.parse(JSON.stringify(this.#fields)) as Fields;
  }

  /** Applies a scenario change and returns the event payload it produces at `at`. */
  change(c: IssueChange, at: VirtualMs): unknown {
    if (c.change === 'created') return this.payload('avi:jira:created:issue', at, false, []);
    if (c.change === 'commented') {
      this.#comments += 1;
      return { ...this.payload('avi:jira:commented:issue', at, false, []), comment: { id: String(20_000 + this.#comments), body: c.body, author: USER } };
    }
    const before = this.#fields[c.field];
    const to = c.field === 'status' ? { name: c.to } : c.field === 'labels' ? [...(this.#fields.labels as string[]), c.to] : c.to;
    this.#fields[c.field] = to;
    return this.payload('avi:jira:updated:issue', at, false, [{ field: c.field, from: before, to }]);
  }

  /** The payload of an event about the issue as it is now. */
  payload(eventType: string, at: VirtualMs, selfGenerated: boolean, changes: readonly FieldChange[]): Record<string, unknown> {
    const actor = selfGenerated ? APP_USER : USER;
    return {
      eventType,
      selfGenerated,
      timestamp: new Date(at).toISOString(),
      atlassianId: actor.accountId,
      issue: { id: ISSUE_ID, key: EVENTS_ISSUE_KEY, fields: this.fields() },
      ...(changes.length > 0
        ? {
            changelog: {
              id: String(++this.#changelog),
              items: changes.map((c) => ({ field: c.field, fieldId: c.field, fromString: render(c.from), toString: render(c.to) })),
            },
          }
        : {}),
      user: actor,
    };
  }

  /**
   * Answers reads and writes of the issue, calling `onWrite` with the fields a write changed (empty
   * when it changed nothing); leaves every other request to `next`.
   */
  fixture(next: UpstreamFixture | undefined, onWrite: (changes: readonly FieldChange[]) => void): UpstreamFixture {
    return (req, state) => {
      if (req.surface === 'jira' && ISSUE_PATH.test(req.path)) {
        if (req.method === 'GET') return { status: 200, body: { id: ISSUE_ID, key: EVENTS_ISSUE_KEY, fields: this.fields() } };
        if (req.method === 'PUT') return this.#edit(req, onWrite);
      }
      if (req.surface === 'jira' && COMMENT_PATH.test(req.path) && req.method === 'POST') {
        this.#comments += 1;
        return { status: 201, body: { id: String(20_000 + this.#comments) } };
      }
      return next?.(req, state);
    };
  }

  #edit(req: UpstreamRequest, onWrite: (changes: readonly FieldChange[]) => void): UpstreamReply {
    const body = req.json() as { fields?: unknown; update?: unknown } | undefined;
    const fields = body?.fields;
    if (fields === null || typeof fields !== 'object') return { status: 400, body: { errorMessages: ['edit the issue with a "fields" object'] } };
    const changes: FieldChange[] = [];
    for (const [field, to] of Object.entries(fields as Fields)) {
      const from = this.#fields[field];
      if (JSON.stringify(from) === JSON.stringify(to)) continue;
      this.#fields[field] = to;
      changes.push({ field, from, to });
    }
    onWrite(changes);
    return { status: 204 };
  }
}

const render = (value: unknown): string | null =>
  value === undefined || value === null
    ? null
    : typeof value === 'string'
      ? value
      : typeof value === 'object' && 'name' in value
        ? String((value as { name: unknown }).name)
        : JSON.stringify(value);

/** When the i-th scenario change happened: a minute apart, so their timestamps tell their order. */
export const changedAt = (start: VirtualMs, i: number): VirtualMs => after(start, seconds(60 * i));
