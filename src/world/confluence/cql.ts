/**
 * CQL over the simulated pages and comments: `type`, `space` (key), `title` (= and ~), `text ~`,
 * `label`, `id`, `parent`, `ancestor`, `creator` (with currentUser()), `created`/`lastmodified`
 * comparisons, AND/OR/NOT and ORDER BY (title, created, lastmodified, id). It shares JQL's grammar.
 */
import { QuerySyntaxError, type QueryNode, type QueryValue } from '../query/ast.js';
import { queryInstant } from '../query/dates.js';
import { parseQuery } from '../query/parse.js';
import { textMatches } from '../query/text.js';
import type { ConfluenceComment, ConfluencePage, ConfluenceState } from './state.js';

/** Something CQL finds: a page or a footer comment. */
export type ContentItem = { readonly type: 'page'; readonly page: ConfluencePage } | { readonly type: 'comment'; readonly comment: ConfluenceComment };

const pageOf = (state: ConfluenceState, item: ContentItem): ConfluencePage | undefined =>
  item.type === 'page' ? item.page : state.pages.get(item.comment.pageId);

const ancestors = (state: ConfluenceState, page: ConfluencePage | undefined): string[] => {
  const ids: string[] = [];
  for (
    let p = page?.parentId == null ? undefined : state.pages.get(page.parentId);
    p !== undefined;
    p = p.parentId === null ? undefined : state.pages.get(p.parentId)
  )
    ids.push(p.id);
  return ids;
};

const texts = (state: ConfluenceState, value: QueryValue): string[] => {
  if (value.kind === 'text') return [value.text];
  if (value.kind === 'list') return value.items.flatMap((v) => texts(state, v));
  if (value.kind === 'function' && value.name === 'currentuser') return [state.me];
  return [];
};

const fieldValues = (state: ConfluenceState, item: ContentItem, field: string): { values: string[]; text?: string; at?: number } => {
  const page = pageOf(state, item);
  const space = page === undefined ? undefined : state.spaces.get(page.spaceId);
  const body = item.type === 'page' ? item.page.body.value : item.comment.body.value;
  switch (field.toLowerCase()) {
    case 'type':
      return { values: [item.type] };
    case 'space':
    case 'space.key':
      return { values: space === undefined ? [] : [space.key] };
    case 'space.id':
      return { values: space === undefined ? [] : [space.id] };
    case 'title':
      return { values: item.type === 'page' ? [item.page.title] : [], text: item.type === 'page' ? item.page.title : '' };
    case 'text':
      return { values: [], text: `${item.type === 'page' ? item.page.title : ''}\n${body.replace(/<[^>]*>/g, ' ')}` };
    case 'label':
      return { values: item.type === 'page' ? item.page.labels.map((l) => l.name) : [] };
    case 'id':
    case 'content':
      return { values: [item.type === 'page' ? item.page.id : item.comment.id] };
    case 'parent':
      return { values: item.type === 'page' ? (item.page.parentId === null ? [] : [item.page.parentId]) : [item.comment.pageId] };
    case 'ancestor':
      return { values: ancestors(state, page) };
    case 'container':
      return { values: item.type === 'comment' ? [item.comment.pageId] : [] };
    case 'creator':
      return { values: [item.type === 'page' ? item.page.authorId : item.comment.authorId] };
    case 'created':
      return { values: [], at: item.type === 'page' ? item.page.createdAt : item.comment.createdAt };
    case 'lastmodified':
      return { values: [], at: item.type === 'page' ? item.page.version.createdAt : item.comment.version.createdAt };
    default:
      throw new QuerySyntaxError(`Could not parse cql : the field '${field}' is not supported by forge-retry-harness's simulated search.`);
  }
};

const clause = (state: ConfluenceState, item: ContentItem, node: Extract<QueryNode, { kind: 'clause' }>): boolean => {
  const field = fieldValues(state, item, node.field);
  if (field.at !== undefined) {
    const instant = queryInstant(node.value, state.clock.peek());
    if (instant === undefined) throw new QuerySyntaxError(`Could not parse cql : invalid date in '${node.field}'.`);
    const ops: Record<string, (a: number, b: number) => boolean> = {
      '=': (a, b) => a === b,
      '!=': (a, b) => a !== b,
      '>': (a, b) => a > b,
      '>=': (a, b) => a >= b,
      '<': (a, b) => a < b,
      '<=': (a, b) => a <= b,
    };
    const op = ops[node.operator];
    if (op === undefined) throw new QuerySyntaxError(`Could not parse cql : operator ${node.operator} on '${node.field}'.`);
    return op(field.at, instant);
  }
  const wanted = texts(state, node.value);
  if (node.operator === '~' || node.operator === '!~') return textMatches(field.text ?? field.values.join(' '), wanted[0] ?? '') === (node.operator === '~');
  const hit = wanted.some((w) => field.values.some((v) => v.toLowerCase() === w.toLowerCase()));
  if (node.operator === '=' || node.operator === 'in') return hit;
  if (node.operator === '!=' || node.operator === 'not in') return !hit;
  throw new QuerySyntaxError(`Could not parse cql : operator ${node.operator} on '${node.field}'.`);
};

const matches = (state: ConfluenceState, item: ContentItem, node: QueryNode): boolean => {
  switch (node.kind) {
    case 'and':
      return matches(state, item, node.left) && matches(state, item, node.right);
    case 'or':
      return matches(state, item, node.left) || matches(state, item, node.right);
    case 'not':
      return !matches(state, item, node.node);
    case 'clause':
      return clause(state, item, node);
  }
};

const sortKey = (item: ContentItem, field: string): number | string => {
  const f = field.toLowerCase();
  if (f === 'title') return item.type === 'page' ? item.page.title.toLowerCase() : '';
  if (f === 'created') return item.type === 'page' ? item.page.createdAt : item.comment.createdAt;
  if (f === 'lastmodified') return item.type === 'page' ? item.page.version.createdAt : item.comment.version.createdAt;
  return Number(item.type === 'page' ? item.page.id : item.comment.id);
};

/**
 * Runs a CQL query over live pages and comments; the matching items in order, or Confluence's error message.
 *
 * @example
 * runCql(wiki, 'space = OPS AND type = page AND title ~ "runbook"')
 */
export const runCql = (state: ConfluenceState, cql: string): { readonly items: readonly ContentItem[] } | { readonly error: string } => {
  try {
    const parsed = parseQuery(cql);
    const where = parsed.where;
    if (where === undefined) return { error: 'Could not parse cql : a CQL query needs at least one clause.' };
    const all: ContentItem[] = [
      ...[...state.pages.values()].filter((p) => p.status === 'current').map((page) => ({ type: 'page' as const, page })),
      ...[...state.comments.values()].filter((c) => c.status === 'current').map((comment) => ({ type: 'comment' as const, comment })),
    ];
    const found = all.filter((item) => matches(state, item, where));
    const order = parsed.orderBy.length === 0 ? [{ field: 'id', direction: 'asc' as const }] : parsed.orderBy;
    return {
      items: found.sort((a, b) => {
        for (const key of order) {
          const x = sortKey(a, key.field);
          const y = sortKey(b, key.field);
          if (x !== y) return (x < y ? -1 : 1) * (key.direction === 'desc' ? -1 : 1);
        }
        return 0;
      }),
    };
  } catch (error) {
    if (error instanceof QuerySyntaxError)
      return { error: error.message.startsWith('Could not parse cql') ? error.message : `Could not parse cql : ${error.message}` };
    throw error;
  }
};
