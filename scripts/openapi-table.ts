/**
 * Derives src/world/openapi-table.ts from Atlassian's published OpenAPI specs: for every operation, its
 * documented 2xx statuses and a small body skeleton shaped by its response schema. The specs themselves
 * stay out of the repository (megabytes each); this script and the compact table it writes are the
 * provenance.
 *
 *   npx tsx scripts/openapi-table.ts \
 *     --jira-platform swagger-v3.v3.json --jira-platform-via "mirror note" \
 *     --jira-software swagger.v3.json --confluence-v2 openapi-v2.v3.json --confluence-v1 swagger.v3.json \
 *     --out src/world/openapi-table.ts
 *
 * Every spec is optional; the table holds the ones given. `--<spec>-via` records where the file came from
 * when it was not downloaded from the URL itself (a dated mirror), so a reader can find the same bytes.
 */
import { readFileSync, writeFileSync } from 'node:fs';

/** The specs the table can be built from, where Atlassian publishes them and where their paths are mounted. */
const SPECS = {
  'jira-platform': { title: 'The Jira Cloud platform REST API', url: 'https://developer.atlassian.com/cloud/jira/platform/swagger-v3.v3.json', mount: '' },
  'jira-software': { title: 'Jira Software Cloud API', url: 'https://developer.atlassian.com/cloud/jira/software/swagger.v3.json', mount: '' },
  'confluence-v2': {
    title: 'The Confluence Cloud REST API v2',
    url: 'https://developer.atlassian.com/cloud/confluence/openapi-v2.v3.json',
    mount: '/wiki/api/v2',
  },
  'confluence-v1': { title: 'The Confluence Cloud REST API', url: 'https://developer.atlassian.com/cloud/confluence/swagger.v3.json', mount: '' },
} as const;
type SpecName = keyof typeof SPECS;

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** How deep a skeleton follows nested objects: top-level members and their members, nothing below. */
const MAX_DEPTH = 2;
/** Nested objects keep at most this many members, so one wide schema cannot bloat the table. */
const NESTED_MEMBERS = 8;

/**
 * Paging flags are true in a skeleton: an empty page that says it is not the last would send a handler
 * that pages `while (!isLast)` round for ever.
 */
const LAST_PAGE_FLAGS: readonly string[] = ['isLast', 'last'];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Schema = Record<string, unknown>;
interface Spec {
  readonly info: { readonly version: string };
  readonly paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> }>>;
  readonly components?: { readonly schemas?: Record<string, Schema> };
}

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

const resolveRef = (spec: Spec, schema: Schema): Schema => {
  const ref = schema['$ref'];
  if (typeof ref !== 'string') return schema;
  const name = ref.replace('#/components/schemas/', '');
  return spec.components?.schemas?.[name] ?? {};
};

/** A value of the schema's shape: members present, scalars empty, arrays empty, enums at their first value. */
const skeleton = (spec: Spec, raw: Schema, depth: number, seen: ReadonlySet<string>): Json => {
  const ref = typeof raw['$ref'] === 'string' ? raw['$ref'] : undefined;
  if (ref !== undefined && seen.has(ref)) return {};
  const schema = resolveRef(spec, raw);
  const nextSeen = ref === undefined ? seen : new Set([...seen, ref]);
  const composed = (schema['allOf'] ?? schema['oneOf'] ?? schema['anyOf']) as Schema[] | undefined;
  if (composed !== undefined && composed.length > 0) {
    if (schema['allOf'] === undefined) return skeleton(spec, composed[0]!, depth, nextSeen);
    const parts = composed.map((part) => skeleton(spec, part, depth, nextSeen));
    return parts.every((p) => typeof p === 'object' && p !== null && !Array.isArray(p)) ? Object.assign({}, ...parts) : (parts[0] ?? {});
  }
  const enumValues = schema['enum'] as Json[] | undefined;
  if (enumValues !== undefined && enumValues.length > 0) return enumValues[0]!;
  const fallback = schema['default'];
  if (fallback !== undefined && (fallback === null || typeof fallback !== 'object')) return fallback as Json;
  switch (schema['type']) {
    case 'string':
      return '';
    case 'integer':
    case 'number':
      return 0;
    case 'boolean':
      return false;
    case 'array':
      return [];
  }
  const properties = schema['properties'] as Record<string, Schema> | undefined;
  if (properties === undefined || depth >= MAX_DEPTH) return {};
  const members = Object.entries(properties).filter(([, p]) => resolveRef(spec, p)['writeOnly'] !== true);
  const kept = depth === 0 ? members : members.slice(0, NESTED_MEMBERS);
  return Object.fromEntries(
    kept.map(([name, p]) => [
      name,
      LAST_PAGE_FLAGS.includes(name) && resolveRef(spec, p)['type'] === 'boolean' ? true : skeleton(spec, p, depth + 1, nextSeen),
    ]),
  );
};

interface Row {
  readonly method: string;
  readonly path: string;
  readonly statuses: readonly number[];
  readonly body: Json | undefined;
}

const rowsOf = (spec: Spec, mount: string): Row[] =>
  Object.entries(spec.paths).flatMap(([path, item]) =>
    METHODS.flatMap((method): Row[] => {
      const responses = item[method]?.responses;
      if (responses === undefined) return [];
      // Operations documented only with a 303 (async task redirects) or a 302 (downloads) have no success
      // body to imitate; they are left to the simulation's other defaults.
      const statuses = Object.keys(responses)
        .filter((code) => /^2\d\d$/.test(code))
        .map(Number)
        .sort((a, b) => a - b);
      if (statuses.length === 0) return [];
      const first = responses[String(statuses[0])];
      const json = first?.content?.['application/json'] ?? first?.content?.['*/*'];
      const body = statuses[0] === 204 || json === undefined ? undefined : skeleton(spec, json.schema ?? {}, 0, new Set());
      return [{ method: method.toUpperCase(), path: `${mount}${path}`, statuses, body }];
    }),
  );

/** Rows refer to their skeleton by index: about 250 distinct skeletons serve a thousand operations. */
const rendered = (row: Row, bodies: Map<string, number>): string => {
  const body = row.body === undefined ? undefined : JSON.stringify(row.body);
  if (body !== undefined && !bodies.has(body)) bodies.set(body, bodies.size);
  return `  [${JSON.stringify(row.method)}, ${JSON.stringify(row.path)}, [${row.statuses.join(', ')}]${body === undefined ? '' : `, ${bodies.get(body)}`}],`;
};

const main = (): void => {
  const out = arg('out') ?? 'src/world/openapi-table.ts';
  const sources: string[] = [];
  const rows: Row[] = [];
  for (const name of Object.keys(SPECS) as SpecName[]) {
    const file = arg(name);
    if (file === undefined) continue;
    const spec = JSON.parse(readFileSync(file, 'utf8')) as Spec;
    const meta = SPECS[name];
    const via = arg(`${name}-via`);
    sources.push(` * - ${meta.title}, version ${spec.info.version}: ${meta.url}${via === undefined ? '' : `\n *   (read from ${via})`}`);
    rows.push(...rowsOf(spec, meta.mount));
  }
  if (rows.length === 0)
    throw new Error(
      `give at least one spec: ${Object.keys(SPECS)
        .map((n) => `--${n} FILE`)
        .join(', ')}`,
    );
  rows.sort((a, b) =>
    a.path === b.path ? METHODS.indexOf(a.method.toLowerCase() as never) - METHODS.indexOf(b.method.toLowerCase() as never) : a.path < b.path ? -1 : 1,
  );
  const bodies = new Map<string, number>();
  const lines = rows.map((row) => rendered(row, bodies));
  const text = [
    '/**',
    ' * GENERATED by scripts/openapi-table.ts; do not edit by hand, run the script again.',
    ' *',
    " * Every operation of Atlassian's published OpenAPI specs with its documented 2xx statuses (the first is",
    ' * the success status the world answers with) and a body skeleton shaped by the response schema: members',
    ` * to depth ${MAX_DEPTH}, scalars empty, arrays empty, enums at their first value, paging flags (isLast) true.`,
    ' * Sources:',
    ...sources,
    ' */',
    "import type { JsonValue, OpenApiRow } from './openapi-row.js';",
    '',
    `/** ${rows.length} operations: method, path template, documented 2xx statuses, index of the body skeleton in OPENAPI_BODIES (absent: no body). */`,
    'export const OPENAPI_TABLE: readonly OpenApiRow[] = [',
    ...lines,
    '];',
    '',
    `/** The ${bodies.size} distinct body skeletons the rows point to. */`,
    'export const OPENAPI_BODIES: readonly JsonValue[] = [',
    ...[...bodies.keys()].map((body) => `  ${body},`),
    '];',
    '',
  ].join('\n');
  writeFileSync(out, text);
  process.stdout.write(`${out}: ${rows.length} operations, ${text.length} characters\n`);
};

main();
