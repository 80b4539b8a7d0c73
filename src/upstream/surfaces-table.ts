/**
 * The README's "Surfaces" table, rendered from the surface tables (`models/surfaces.ts`,
 * `refused.ts`) so that it cannot drift from what the harness does; a test keeps the README in step.
 */
import { SURFACE_CATALOG, UPSTREAM_SURFACES } from '../../models/surfaces.js';
import { REFUSED_APIS } from './refused.js';

/** The markers the table sits between in README.md. */
export const SURFACES_MARKERS = { start: '<!-- surfaces:start -->', end: '<!-- surfaces:end -->' } as const;

/**
 * The Markdown table of every surface and every API the harness knows it refuses.
 *
 * @example
 * renderSurfacesTable().split('\n')[0] // '| surface | what a handler calls | status |'
 */
export const renderSurfacesTable = (): string =>
  [
    '| surface | what a handler calls | status |',
    '|---|---|---|',
    ...UPSTREAM_SURFACES.filter((s) => SURFACE_CATALOG[s].simulated).map((s) => `| \`${s}\` | ${SURFACE_CATALOG[s].api} | simulated |`),
    ...REFUSED_APIS.map((r) => `| \`unsupported\` | ${r.api} | refused: ${r.fix} |`),
    ...UPSTREAM_SURFACES.filter((s) => !SURFACE_CATALOG[s].simulated).map((s) => `| \`${s}\` | ${SURFACE_CATALOG[s].api} | refused, naming the call |`),
  ].join('\n');
