/**
 * The world a handler's upstream calls land in: a stateful simulated Jira and Confluence, so effects
 * are visible to later reads (a created comment is in the next listing, an edited label is in the next
 * GET and the next JQL search), and, for every endpoint the world does not simulate, the success status
 * and schema-shaped body Atlassian's OpenAPI specs document. Deterministic: ids from counters, time
 * from the virtual epoch.
 */
import { Counters, WorldClock } from './clock.js';
import { confluenceSnapshot, type ConfluenceSnapshot } from './confluence/snapshot.js';
import { confluenceFromSeed } from './confluence/seed-confluence.js';
import { answerConfluence } from './confluence/routes.js';
import { livePage, type ConfluenceState } from './confluence/state.js';
import { confluenceError, confluenceV1Error, jiraError, reply, type WorldReply, type WorldRequest } from './http.js';
import { APP_USER } from './jira/catalog.js';
import { issueNotFound } from './jira/context.js';
import { answerJira } from './jira/routes.js';
import { jiraFromSeed } from './jira/seed-jira.js';
import { jiraSnapshot, type JiraSnapshot } from './jira/snapshot.js';
import { findIssue, findProject, type JiraState } from './jira/state.js';
import { documentedOperation, type DocumentedOperation } from './openapi-lookup.js';
import { parseWorldSeed, type WorldSeed } from './seed.js';

/** Everything in the world, as plain data. */
export interface WorldSnapshot {
  readonly jira: JiraSnapshot;
  readonly confluence: ConfluenceSnapshot;
}

/** A simulated Jira and Confluence for one run. */
export interface World {
  /**
   * The world's answer to a request, or undefined when neither the simulation nor the specs know the
   * endpoint (the caller's own default answers then).
   */
  answer(request: WorldRequest): WorldReply | undefined;
  /** The state now, as plain data. */
  snapshot(): WorldSnapshot;
}

/** How the world keeps time. */
export interface WorldOptions {
  /**
   * The simulation's virtual clock, in epoch milliseconds; without it every change is one virtual
   * second after the last, starting at the virtual epoch.
   */
  readonly now?: () => number;
}

/**
 * For an endpoint only the specs know, a path that names an issue, project or page that does not exist
 * is answered 404, as the product would; anything else gets the documented success.
 */
const documentedAnswer = (jira: JiraState, wiki: ConfluenceState, request: WorldRequest, operation: DocumentedOperation): WorldReply => {
  const { params } = operation;
  if (request.surface === 'jira') {
    const issue = params['issueIdOrKey'];
    if (issue !== undefined && findIssue(jira, issue) === undefined) return issueNotFound();
    const project = params['projectIdOrKey'];
    if (project !== undefined && findProject(jira, project) === undefined) return jiraError(404, `No project could be found with key '${project}'.`);
  } else {
    const v2 = operation.template.startsWith('/wiki/api/v2/pages/') ? (params['id'] ?? params['page-id']) : undefined;
    if (v2 !== undefined && livePage(wiki, v2) === undefined) return confluenceError(404);
    const v1 = operation.template.startsWith('/wiki/rest/api/content/{id}') ? params['id'] : undefined;
    if (v1 !== undefined && livePage(wiki, v1) === undefined && !wiki.comments.has(v1)) return confluenceV1Error(404, `No content found with id: ${v1}`);
  }
  return reply(operation.status, operation.body);
};

const onSurface = (request: WorldRequest): boolean => request.path.startsWith('/wiki/') === (request.surface === 'confluence');

/**
 * A world built from a seed (validated: a bad seed throws a HarnessUsageError naming the key).
 *
 * @example
 * const world = createWorld({ jira: { issues: [{ key: 'SUP-1', summary: 'Printer on fire' }] } });
 * world.answer({ surface: 'jira', method: 'POST', path: '/rest/api/3/issue/SUP-1/comment', body: { body: 'On it' } })?.status; // 201
 * world.answer({ surface: 'jira', method: 'GET', path: '/rest/api/3/issue/SUP-1/comment' })?.body; // { comments: [{ ... 'On it' }], total: 1, ... }
 */
export const createWorld = (seed?: WorldSeed, options: WorldOptions = {}): World => {
  const valid = parseWorldSeed(seed ?? {});
  const clock = new WorldClock(options.now);
  const ids = new Counters();
  const jira = jiraFromSeed(valid.jira ?? {}, clock, ids);
  const wiki = confluenceFromSeed(valid.confluence ?? {}, clock, ids, APP_USER.accountId);
  return {
    answer(request) {
      if (!onSurface(request)) return undefined;
      const simulated = request.surface === 'jira' ? answerJira(jira, request) : answerConfluence(wiki, request);
      if (simulated !== undefined) return simulated;
      const operation = documentedOperation(request.method, request.path);
      return operation === undefined ? undefined : documentedAnswer(jira, wiki, request, operation);
    },
    snapshot: () => ({ jira: jiraSnapshot(jira), confluence: confluenceSnapshot(wiki) }),
  };
};
