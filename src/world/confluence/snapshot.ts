/**
 * A plain, deterministic copy of the Confluence site for assertions and reports, in the seed's
 * vocabulary (space keys, storage bodies, label names, property values).
 */
import { confluenceTime } from '../clock.js';
import type { ConfluenceState } from './state.js';

/**
 * The site's state as plain data (trashed pages and comments included, with their status).
 *
 * @example
 * confluenceSnapshot(wiki).pages.map((p) => p.title) // ['Runbook']
 */
export const confluenceSnapshot = (state: ConfluenceState) =>
  structuredClone({
    spaces: [...state.spaces.values()].map((s) => ({ id: s.id, key: s.key, name: s.name, type: s.type })),
    pages: [...state.pages.values()].map((p) => ({
      id: p.id,
      space: state.spaces.get(p.spaceId)?.key ?? p.spaceId,
      title: p.title,
      status: p.status,
      parentId: p.parentId,
      version: p.version.number,
      body: p.body.value,
      representation: p.body.representation,
      created: confluenceTime(p.createdAt),
      labels: p.labels.map((l) => l.name),
      properties: Object.fromEntries(p.properties.map((q) => [q.key, q.value])),
      comments: [...state.comments.values()]
        .filter((c) => c.pageId === p.id)
        .map((c) => ({
          id: c.id,
          status: c.status,
          body: c.body.value,
          author: c.authorId,
          version: c.version.number,
          ...(c.parentCommentId === undefined ? {} : { parentCommentId: c.parentCommentId }),
        })),
    })),
  });

/** The Confluence part of a world snapshot. */
export type ConfluenceSnapshot = ReturnType<typeof confluenceSnapshot>;
