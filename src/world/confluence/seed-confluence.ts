/**
 * Builds the Confluence site from a validated seed: spaces (a `TEST` space when the seed names none),
 * pages with their labels, content properties and footer comments. Spaces a page names are registered
 * if the seed did not list them; duplicate ids or titles and parents that are not seeded are errors
 * that name the key.
 */
import { parseTime, type Counters, type WorldClock } from '../clock.js';
import { seedError, type WorldSeed } from '../seed.js';
import { CONTENT_ID_BASE, ensureSpace, findSpaceByKey, type ConfluencePage, type ConfluenceState } from './state.js';

type ConfluenceSeed = NonNullable<WorldSeed['confluence']>;

/** The space of a site that was not seeded with spaces or pages. */
export const DEFAULT_SPACE = { key: 'TEST', name: 'Test space' } as const;

const timeOr = (clock: WorldClock, text: string | undefined): number => {
  if (text === undefined) return clock.tick();
  const ms = parseTime(text)!;
  clock.observe(ms);
  return ms;
};

/**
 * The site a seed describes.
 *
 * @example
 * confluenceFromSeed({ pages: [{ title: 'Runbook', space: 'OPS' }] }, new WorldClock(), new Counters(), me).pages.size // 1
 */
export const confluenceFromSeed = (seed: ConfluenceSeed, clock: WorldClock, ids: Counters, me: string): ConfluenceState => {
  const state: ConfluenceState = { clock, ids, me, spaces: new Map(), pages: new Map(), comments: new Map() };
  const spaces = seed.spaces ?? (seed.pages === undefined || seed.pages.length === 0 ? [DEFAULT_SPACE] : []);
  spaces.forEach((s, i) => {
    if (findSpaceByKey(state, s.key) !== undefined)
      seedError(['confluence', 'spaces', i, 'key'], `repeats the space ${JSON.stringify(s.key)}`, 'give each space once');
    const id = 'id' in s ? s.id : undefined;
    if (id !== undefined && state.spaces.has(id))
      seedError(['confluence', 'spaces', i, 'id'], `repeats the id ${JSON.stringify(id)}`, 'give each space its own id, or leave ids out');
    const space = ensureSpace(state, s.key, id);
    space.name = s.name ?? space.name;
  });
  const defaultSpace = spaces[0]?.key ?? DEFAULT_SPACE.key;
  const seeded = (seed.pages ?? []).map((p, i): ConfluencePage => {
    const at = (...keys: unknown[]) => ['confluence', 'pages', i, ...keys];
    if (p.id !== undefined && (state.pages.has(p.id) || state.comments.has(p.id)))
      seedError(at('id'), `repeats the id ${JSON.stringify(p.id)}`, 'give each page its own id, or leave ids out');
    const space = ensureSpace(state, p.space ?? defaultSpace);
    const status = p.status ?? 'current';
    if (status !== 'draft' && [...state.pages.values()].some((q) => q.spaceId === space.id && q.title === p.title && q.status !== 'draft')) {
      seedError(
        at('title'),
        `repeats the title ${JSON.stringify(p.title)} in space ${space.key}`,
        'give each page of a space its own title, as Confluence does',
      );
    }
    const id = p.id ?? ids.next('content', CONTENT_ID_BASE.content);
    ids.reserve('content', id);
    const createdAt = timeOr(clock, p.created);
    const author = p.author ?? me;
    const page: ConfluencePage = {
      id,
      spaceId: space.id,
      title: p.title,
      status,
      parentId: null,
      authorId: author,
      createdAt,
      version: { number: p.version ?? 1, message: '', minorEdit: false, createdAt, authorId: author },
      body: { representation: 'storage', value: p.body ?? '' },
      labels: [...new Set(p.labels ?? [])].map((name) => ({ id: ids.next('label', CONTENT_ID_BASE.label), name: name.toLowerCase(), prefix: 'global' })),
      properties: Object.entries(p.properties ?? {}).map(([key, value]) => ({
        id: ids.next('property', CONTENT_ID_BASE.property),
        key,
        value: structuredClone(value),
        version: { number: 1, message: '', minorEdit: false, createdAt, authorId: author },
      })),
      position: i,
    };
    state.pages.set(id, page);
    return page;
  });
  (seed.pages ?? []).forEach((p, i) => {
    if (p.parentId === undefined) return;
    if (!state.pages.has(p.parentId))
      seedError(
        ['confluence', 'pages', i, 'parentId'],
        `names ${JSON.stringify(p.parentId)}, which is not a seeded page`,
        'seed the parent page too (with that id), or leave "parentId" out',
      );
    seeded[i]!.parentId = p.parentId;
  });
  (seed.pages ?? []).forEach((p, i) => {
    (p.comments ?? []).forEach((c, j) => {
      if (c.id !== undefined && (state.pages.has(c.id) || state.comments.has(c.id)))
        seedError(['confluence', 'pages', i, 'comments', j, 'id'], `repeats the id ${JSON.stringify(c.id)}`, 'give each comment its own id, or leave ids out');
      const id = c.id ?? ids.next('content', CONTENT_ID_BASE.content);
      ids.reserve('content', id);
      const createdAt = timeOr(clock, c.created);
      const author = c.author ?? me;
      state.comments.set(id, {
        id,
        pageId: seeded[i]!.id,
        status: 'current',
        authorId: author,
        createdAt,
        version: { number: 1, message: '', minorEdit: false, createdAt, authorId: author },
        body: { representation: 'storage', value: c.body },
      });
    });
  });
  return state;
};
