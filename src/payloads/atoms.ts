/**
 * The small realistic values payloads are made of (ids, keys, people, instants), each an arbitrary
 * that shrinks to the value the fixed samples use, so a shrunk counterexample reads like the sample.
 * Nothing here reads the clock or unseeded randomness.
 */
import fc from 'fast-check';

/** 2025-01-01T00:00:00.000Z: the instant of the fixed samples (`created` of DEFAULT_PRODUCT_EVENT). */
export const SAMPLE_INSTANT = Date.UTC(2025, 0, 1);

/** The site every payload comes from (DEFAULT_PRODUCT_EVENT's `context.cloudId`). */
export const SAMPLE_CLOUD_ID = 'a436116f-02ce-4520-8fbb-7301462a1674';

/** One of the values; shrinks to the first, which is the fixed sample's. */
export const oneOf = <const A extends readonly [unknown, ...unknown[]]>(...values: A): fc.Arbitrary<A[number]> => fc.constantFrom(...values);

/** The sample's value, or one of the arbitrary's; shrinks to the sample. */
export const orSample = <T>(sample: T, others: fc.Arbitrary<T>): fc.Arbitrary<T> => fc.oneof({ withCrossShrink: true }, fc.constant(sample), others);

/** A numeric id as Atlassian products write it ("10073"): the sample's id plus up to `span`. */
export const numericId = (sample: string, span = 89_999): fc.Arbitrary<string> => fc.nat(span).map((n) => String(Number(sample) + n));

/** A whole number from `sample` to `sample + span`. */
export const numberFrom = (sample: number, span: number): fc.Arbitrary<number> => fc.nat(span).map((n) => sample + n);

/** An instant (epoch milliseconds) within `days` after `from`. */
export const instant = (from = SAMPLE_INSTANT, days = 540): fc.Arbitrary<number> => fc.integer({ min: 0, max: days * 86_400_000 }).map((n) => from + n);

/** ISO 8601 in UTC, as Confluence and the life-cycle events write it: `2025-01-01T00:00:00.000Z`. */
export const isoTime = (ms: number): string => new Date(ms).toISOString();

/** Jira's timestamp format: `2025-01-01T00:00:00.000+0000`. */
export const jiraTime = (ms: number): string => isoTime(ms).replace('Z', '+0000');

/** A calendar date, as Jira versions write release dates: `2025-01-01`. */
export const calendarDate = (ms: number): string => isoTime(ms).slice(0, 10);

const hexDigits = (length: number): fc.Arbitrary<string> => fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: length, maxLength: length });

/** A version-4 UUID; its sample is the given one. */
export const uuid = (sample: string): fc.Arbitrary<string> =>
  fc.oneof(
    { withCrossShrink: true },
    fc.constant(sample),
    fc
      .tuple(hexDigits(8), hexDigits(4), hexDigits(3), fc.constantFrom('8', '9', 'a', 'b'), hexDigits(3), hexDigits(12))
      .map(([a, b, c, v, d, e]) => `${a}-${b}-4${c}-${v}${d}-${e}`),
  );

/** A commit hash: 40 hex digits. */
export const commitHash = (sample: string): fc.Arbitrary<string> => fc.oneof({ withCrossShrink: true }, fc.constant(sample), hexDigits(40));

/** A Bitbucket UUID, in braces: `{cc8e193d-...}`. */
export const bracedUuid = (sample: string): fc.Arbitrary<string> => uuid(sample.slice(1, -1)).map((u) => `{${u}}`);

/** A person on the site: an Atlassian account id (both the old 24-digit and the newer prefixed form) and a name. */
export interface Person {
  readonly accountId: string;
  readonly displayName: string;
}

/** The people of the simulated site; the first is DEFAULT_PRODUCT_EVENT's reporter. */
export const PEOPLE = [
  { accountId: '5b10ac8d82e05b22cc7d4ef5', displayName: 'Mia Krystof' },
  { accountId: '557058:f58131cb-b67d-43c7-b30d-6b58d40bd077', displayName: 'Ravi Nair' },
  { accountId: '712020:3c2f6a51-7e0d-4a6b-9f3e-2d1c0b9a8e77', displayName: 'Jonas Berg' },
  { accountId: '60d5f0c1a2b3c4d5e6f70819', displayName: 'Ana Souza' },
  { accountId: '5c37e3bdb393bf4ce95658d5', displayName: 'Kenji Sato' },
] as const satisfies readonly Person[];

/** Someone on the site; shrinks to the first person. */
export const person: fc.Arbitrary<Person> = oneOf(...PEOPLE);

/** Someone on the site, shrinking to the given person. */
export const personLike = (sample: Person): fc.Arbitrary<Person> => oneOf(sample, ...PEOPLE);

/** A Jira project. */
export interface ProjectValues {
  readonly id: string;
  readonly key: string;
  readonly name: string;
  readonly projectTypeKey: string;
}

/** The projects of the simulated site; the first is DEFAULT_PRODUCT_EVENT's. */
export const PROJECTS = [
  { id: '10000', key: 'SUP', name: 'Support', projectTypeKey: 'service_desk' },
  { id: '10001', key: 'OPS', name: 'Operations', projectTypeKey: 'software' },
  { id: '10002', key: 'WEB', name: 'Website', projectTypeKey: 'software' },
  { id: '10004', key: 'HR', name: 'People Team', projectTypeKey: 'business' },
] as const satisfies readonly ProjectValues[];

/** A project of the site; shrinks to the first. */
export const project: fc.Arbitrary<ProjectValues> = oneOf(...PROJECTS);

/** A Confluence space. */
export interface SpaceValues {
  readonly id: number;
  readonly key: string;
  readonly name: string;
}

/** The spaces of the simulated site. */
export const SPACES = [
  { id: 827392002, key: 'ENG', name: 'Engineering' },
  { id: 827392010, key: 'SUP', name: 'Support Knowledge Base' },
  { id: 827392031, key: 'HR', name: 'People Handbook' },
  { id: 827392047, key: 'OPS', name: 'Runbooks' },
] as const satisfies readonly SpaceValues[];

/** A space of the site; shrinks to the first. */
export const space: fc.Arbitrary<SpaceValues> = oneOf(...SPACES);

/** Realistic titles of work items: issues and pull requests. */
export const TITLES = [
  'Checkout fails with 502 after deploy',
  'Password reset email never arrives',
  'Export to CSV drops the last row',
  'Invoice PDF shows the wrong currency',
  'Retry the CRM sync with backoff',
] as const;

/** A title; shrinks to the first. */
export const title: fc.Arbitrary<string> = oneOf(...TITLES);
