/**
 * Test helpers: call a world as a handler would, and check on every success that the status is one the
 * OpenAPI specs document for that endpoint, so each flow also tests the simulation against the specs.
 */
import { expect } from 'vitest';
import { documentedOperation, type World, type WorldReply, type WorldSurface } from '../../src/world/index.js';

/** A reply whose body the test reads freely. */
export type Reply = WorldReply & { readonly body: any };

const caller =
  (world: World, surface: WorldSurface) =>
  (method: string, path: string, body?: unknown): Reply => {
    const answer = world.answer({ surface, method, path, ...(body === undefined ? {} : { body }) });
    expect(answer, `${method} ${path} is an endpoint the world knows`).toBeDefined();
    if (answer!.status >= 200 && answer!.status < 300) {
      expect(documentedOperation(method, path)?.statuses, `${method} ${path} answers a documented success status`).toContain(answer!.status);
    }
    return answer as Reply;
  };

/** Calls the world's Jira. */
export const jiraOf = (world: World) => caller(world, 'jira');

/** Calls the world's Confluence. */
export const wikiOf = (world: World) => caller(world, 'confluence');

/** A JQL query as a `/search/jql` path. */
export const jqlPath = (jql: string, extra = ''): string => `/rest/api/3/search/jql?jql=${encodeURIComponent(jql)}${extra}`;

/** An ADF document with one paragraph. */
export const adf = (text: string) => ({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
