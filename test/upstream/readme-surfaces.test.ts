import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SURFACE_CATALOG, UPSTREAM_SURFACES } from '../../models/surfaces.js';
import { REFUSED_APIS } from '../../src/upstream/refused.js';
import { SURFACES_MARKERS, renderSurfacesTable } from '../../src/upstream/surfaces-table.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe("README's Surfaces table", () => {
  it('is the table rendered from the surface tables, between its markers', () => {
    const start = readme.indexOf(SURFACES_MARKERS.start);
    const end = readme.indexOf(SURFACES_MARKERS.end);
    expect(start, 'start marker').toBeGreaterThan(-1);
    expect(end, 'end marker').toBeGreaterThan(start);
    expect(readme.slice(start + SURFACES_MARKERS.start.length, end).trim()).toBe(renderSurfacesTable());
  });

  it('lists every surface and every refused API with its status', () => {
    const table = renderSurfacesTable();
    for (const surface of UPSTREAM_SURFACES) expect(table).toContain(`| \`${surface}\` | ${SURFACE_CATALOG[surface].api} |`);
    for (const refused of REFUSED_APIS) expect(table).toContain(`| ${refused.api} | refused: ${refused.fix} |`);
  });
});
