/**
 * The world a run starts from, and the event it delivers, agree: the issue and page the event names
 * are in the world (so `GET /rest/api/3/issue/{event.issue.key}` finds the issue the event is about,
 * with its project, as on the real site), and when the user seeded issues or pages, a generated event
 * is about one of them (so a handler that reads the seeded configuration issue sees it named in the
 * event). What the user seeded always wins over what the event says.
 */
import fc from 'fast-check';
import { parseTime } from './clock.js';
import { PAGE_STATUSES, type IssueSeed, type PageSeed, type WorldSeed } from './seed.js';

type Obj = Record<string, unknown>;

const isObj = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value.length > 0 ? value : undefined);
const named = (value: unknown): string | undefined => (isObj(value) ? text(value['name']) : undefined);
const accountOf = (value: unknown): string | undefined => (isObj(value) ? text(value['accountId']) : undefined);
const timeOf = (value: unknown): string | undefined => (typeof value === 'string' && parseTime(value) !== undefined ? value : undefined);
const defined = <T extends Obj>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

const ISSUE_KEY = /^[A-Z][A-Z0-9_]*-\d+$/;
const NUMERIC = /^\d+$/;
const LABEL = /^\S+$/;

/** The issue an event names, as a seed, or undefined when it names none the world could hold. */
const issueOfEvent = (event: Obj, taken: ReadonlySet<string>): IssueSeed | undefined => {
  const issue = event['issue'];
  if (!isObj(issue)) return undefined;
  const key = text(issue['key']);
  if (key === undefined || !ISSUE_KEY.test(key)) return undefined;
  const fields = isObj(issue['fields']) ? issue['fields'] : {};
  const id = text(issue['id']);
  const labels = Array.isArray(fields['labels']) ? fields['labels'].filter((l): l is string => typeof l === 'string' && LABEL.test(l)) : undefined;
  return defined({
    key,
    id: id !== undefined && NUMERIC.test(id) && !taken.has(id) ? id : undefined,
    summary: text(fields['summary']),
    issuetype: named(fields['issuetype']),
    status: named(fields['status']),
    priority: named(fields['priority']),
    labels,
    assignee: accountOf(fields['assignee']),
    reporter: accountOf(fields['reporter']),
    created: timeOf(fields['created']),
    updated: timeOf(fields['updated']),
  });
};

/** The page an event names (`content` of type page), as a seed. */
const pageOfEvent = (event: Obj, seeded: readonly PageSeed[]): PageSeed | undefined => {
  const content = event['content'];
  if (!isObj(content) || content['type'] !== 'page') return undefined;
  const id = text(content['id']);
  const title = text(content['title']);
  if (id === undefined || !NUMERIC.test(id) || title === undefined) return undefined;
  const space = isObj(content['space']) ? text(content['space']['key']) : undefined;
  const spaceKey = space !== undefined && /^~?[A-Za-z0-9]+$/.test(space) ? space : undefined;
  // Confluence titles are unique in a space: a seeded page of the same title is the page the user meant.
  if (seeded.some((p) => p.id === id || (p.title === title && (p.space ?? spaceKey) === spaceKey))) return undefined;
  const status = PAGE_STATUSES.find((s) => s === content['status']);
  return defined({
    id,
    title,
    space: spaceKey,
    status,
  });
};

/**
 * The seed of one run: the user's seed plus the issue and page the event names when the seed does not
 * hold them already. A seeded issue without an id takes the event's id, so the event and the world
 * agree on it.
 *
 * @example
 * runSeed({}, defaultPayload('avi:jira:created:issue')).jira?.issues?.[0]?.key // 'SUP-42'
 */
export const runSeed = (seed: WorldSeed, event: unknown): WorldSeed => {
  if (!isObj(event)) return seed;
  const issues = [...(seed.jira?.issues ?? [])];
  const pages = [...(seed.confluence?.pages ?? [])];
  const taken = new Set(issues.map((i) => i.id).filter((id): id is string => id !== undefined));
  const fromEvent = issueOfEvent(event, taken);
  let jira = seed.jira;
  if (fromEvent !== undefined) {
    const at = issues.findIndex((i) => i.key === fromEvent.key);
    if (at < 0) {
      // The event's site has its default project too when the user seeded no projects of their own.
      const projects = seed.jira?.projects ?? (issues.length === 0 ? [{ key: 'TEST', name: 'Test project', projectTypeKey: 'software' as const }] : undefined);
      jira = defined({ ...seed.jira, issues: [...issues, fromEvent], projects });
    } else if (issues[at]!.id === undefined && fromEvent.id !== undefined) {
      issues[at] = { ...issues[at]!, id: fromEvent.id };
      jira = { ...seed.jira, issues };
    }
  }
  const page = pageOfEvent(event, pages);
  const confluence = page === undefined ? seed.confluence : { ...seed.confluence, pages: [...pages, page] };
  return defined({ jira, confluence });
};

/** Sets `path` in a copy of `target` when the copy already has an object at the parent. */
const withField = (target: Obj, path: readonly string[], value: unknown): Obj => {
  const [head, ...rest] = path;
  if (head === undefined || !(head in target)) return target;
  if (rest.length === 0) return { ...target, [head]: value };
  const inner = target[head];
  return isObj(inner) ? { ...target, [head]: withField(inner, rest, value) } : target;
};

const aboutIssue = (event: Obj, seed: IssueSeed, index: number): Obj => {
  let out = event;
  out = withField(out, ['issue', 'key'], seed.key);
  // A seeded issue without an id gets one the event and the world share (runSeed gives it to the seed).
  out = withField(out, ['issue', 'id'], seed.id ?? String(19000 + index));
  const project = seed.key.split(/-(?=\d+$)/)[0]!;
  out = withField(out, ['issue', 'fields', 'project', 'key'], project);
  if (seed.summary !== undefined) out = withField(out, ['issue', 'fields', 'summary'], seed.summary);
  if (seed.labels !== undefined) out = withField(out, ['issue', 'fields', 'labels'], [...seed.labels]);
  if (seed.status !== undefined) out = withField(out, ['issue', 'fields', 'status', 'name'], seed.status);
  return out;
};

const aboutPage = (event: Obj, seed: PageSeed, index: number): Obj => {
  const content = event['content'];
  if (!isObj(content) || content['type'] !== 'page') return event;
  let out = withField(event, ['content', 'id'], seed.id ?? String(29000 + index));
  out = withField(out, ['content', 'title'], seed.title);
  if (seed.space !== undefined) out = withField(out, ['content', 'space', 'key'], seed.space);
  return out;
};

/**
 * A generated event about the world the user seeded: an issue event names one of the seeded issues
 * and a page event one of the seeded pages (picked by the run's seed, shrinking to the first). Seeded
 * issues and pages without ids are given the ids the events use. Without seeded issues or pages the
 * events are as generated.
 *
 * @example
 * const { seed, event } = bindEventToSeed(payloadArbitrary('avi:jira:updated:issue'), { jira: { issues: [{ key: 'OPS-7' }] } });
 * fc.sample(event, 1)[0].issue.key // 'OPS-7'
 */
export const bindEventToSeed = (event: fc.Arbitrary<unknown>, seed: WorldSeed): { readonly seed: WorldSeed; readonly event: fc.Arbitrary<unknown> } => {
  const issues = (seed.jira?.issues ?? []).map((issue, i) => (issue.id === undefined ? { ...issue, id: String(19000 + i) } : issue));
  const pages = (seed.confluence?.pages ?? []).map((page, i) => (page.id === undefined ? { ...page, id: String(29000 + i) } : page));
  if (issues.length === 0 && pages.length === 0) return { seed, event };
  const taken = new Set([...(seed.jira?.issues ?? []).map((i) => i.id), ...(seed.confluence?.pages ?? []).map((p) => p.id)]);
  // An id the user gave to another seeded item stays theirs: the generated id is only a fallback.
  const clash = [
    ...issues.filter((i, n) => seed.jira?.issues?.[n]?.id === undefined),
    ...pages.filter((p, n) => seed.confluence?.pages?.[n]?.id === undefined),
  ].some((x) => taken.has(x.id));
  if (clash) return { seed, event };
  const bound: WorldSeed = defined({
    jira: seed.jira === undefined ? undefined : { ...seed.jira, ...(issues.length > 0 ? { issues } : {}) },
    confluence: seed.confluence === undefined ? undefined : { ...seed.confluence, ...(pages.length > 0 ? { pages } : {}) },
  });
  const pick = fc.tuple(event, fc.nat({ max: Math.max(issues.length, 1) - 1 }), fc.nat({ max: Math.max(pages.length, 1) - 1 }));
  return {
    seed: bound,
    event: pick.map(([generated, i, p]) => {
      if (!isObj(generated)) return generated;
      let out = issues.length > 0 && isObj(generated['issue']) ? aboutIssue(generated, issues[i]!, i) : generated;
      if (pages.length > 0) out = aboutPage(out, pages[p]!, p);
      return out;
    }),
  };
};
