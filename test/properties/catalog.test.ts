import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PROPERTIES, PROPERTY_IDS, isPropertyId, propertyById } from '../../properties/catalog.js';
import { renderPropertyTable } from '../../properties/table.js';
import { PASS } from '../../properties/types.js';
import { HELP } from '../../src/cli/args.js';
import { formatFailure } from '../../src/report/report.js';
import { readSection, renderReadme, writeSection } from '../../scripts/readme-sections.js';
import { single, success } from '../support/trace-builder.js';
import { DEFAULT_PROPERTY_SETTINGS } from '../../properties/types.js';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('property catalog', () => {
  it('lists the thirteen properties in report order, the many-events ones last', () => {
    expect(PROPERTY_IDS).toEqual([
      'retry-after-valid',
      'honours-retry-after',
      'reason-valid',
      'reason-matches-cause',
      'retry-data-round-trips',
      'survives-every-delivery',
      'respects-retry-cap',
      'no-duplicate-effects',
      'no-swallowed-failures',
      'bounded-invocation',
      'no-lost-updates',
      'no-self-trigger-loop',
      'no-stale-overwrite',
    ]);
  });

  it('recognises property ids and nothing else', () => {
    expect(isPropertyId('no-duplicate-effects')).toBe(true);
    expect(isPropertyId('no-duplicate')).toBe(false);
    expect(isPropertyId(undefined)).toBe(false);
    expect(isPropertyId(['no-duplicate-effects'])).toBe(false);
  });

  it('judges async events with every property but respects-retry-cap', () => {
    expect(PROPERTIES.filter((p) => p.regimes.includes('async-event')).map((p) => p.id)).not.toContain('respects-retry-cap');
    expect(PROPERTIES.every((p) => p.regimes.includes('product-event'))).toBe(true);
  });

  it('gives every property a unique kebab-case id', () => {
    for (const id of PROPERTY_IDS) expect(id).toMatch(/^[a-z]+(-[a-z0-9]+)*$/);
    expect(new Set(PROPERTY_IDS).size).toBe(PROPERTY_IDS.length);
  });

  it('gives every property a one-line summary, a doc paragraph and a rule', () => {
    for (const p of PROPERTIES) {
      expect(p.summary.trim().length, p.id).toBeGreaterThan(20);
      // One line of plain text: it is a table cell, a help line and a test name.
      expect(p.summary, p.id).toMatch(/^[^\n|`]{1,110}$/);
      expect(p.summary, p.id).not.toMatch(/[.\s]$/);
      expect(p.doc.length, p.id).toBeGreaterThan(p.summary.length);
      expect(p.rule.trim().length, p.id).toBeGreaterThan(10);
    }
  });

  it('says what a many-events trace gave to judge exactly for the properties that judge many-events traces', () => {
    expect(PROPERTIES.filter((p) => p.judgedEvents !== undefined).map((p) => p.id)).toEqual(
      PROPERTIES.filter((p) => p.checkEvents !== undefined).map((p) => p.id),
    );
  });

  it('finds every property by its id', () => {
    for (const p of PROPERTIES) expect(propertyById(p.id)).toBe(p);
  });

  it('passes a delivery that did nothing and returned', () => {
    const t = single({ outcome: success() });
    for (const p of PROPERTIES) expect(p.check(t, DEFAULT_PROPERTY_SETTINGS), p.id).toEqual(PASS);
  });
});

describe('words generated from the property catalog', () => {
  const readme = readFileSync(join(repo, 'README.md'), 'utf8');

  it('the README "What it checks" table is the rendered catalog (run `npm run docs` to rewrite it)', () => {
    expect(readSection(readme, 'properties')).toBe(renderPropertyTable());
    expect(renderReadme(readme)).toBe(readme);
  });

  it('the README table has one row per property, with its summary and rule', () => {
    const rows = renderPropertyTable().split('\n').slice(2);
    expect(rows.map((r) => /^\| `([^`]+)` \|/.exec(r)?.[1])).toEqual([...PROPERTY_IDS]);
    for (const [i, p] of PROPERTIES.entries()) {
      expect(rows[i], p.id).toContain(` ${p.summary} `);
      expect(rows[i], p.id).toContain(` ${p.rule} `);
    }
  });

  it('rewriting a section replaces only the text between its markers', () => {
    const text = 'before\n<!-- properties:start -->\nstale\n<!-- properties:end -->\nafter\n';
    expect(writeSection(text, 'properties', 'fresh')).toBe('before\n<!-- properties:start -->\nfresh\n<!-- properties:end -->\nafter\n');
    expect(() => readSection('no markers', 'properties')).toThrow(/<!-- properties:start -->/);
  });

  it('the CLI help lists every property with its summary, in catalog order', () => {
    const listed = HELP.split('\n')
      .map((l) => /^ {2}([a-z][a-z0-9-]+) {2,}/.exec(l)?.[1])
      .filter((id) => id !== undefined);
    expect(listed).toEqual([...PROPERTY_IDS]);
    const flat = HELP.replace(/\n {20,}/g, ' ');
    for (const p of PROPERTIES) expect(flat, p.id).toContain(`  ${p.summary}\n`);
    for (const line of HELP.split('\n')) expect(line.length, line).toBeLessThanOrEqual(101);
  });

  it("a failure report ends with the property's rule, aligned with the other labels", () => {
    const trace = single({ outcome: success() });
    const report = formatFailure({
      property: 'respects-retry-cap',
      violation: { kind: 'fail', delivery: 1, message: 'm', expected: 'e', received: 'r', hint: 'h' },
      trace,
      replay: 'assertRetrySemantics(run, { seed: 1, path: "0" })',
    });
    expect(report.split('\n').slice(-2)).toEqual(['  hint        h', `  rule        ${propertyById('respects-retry-cap').rule}`]);
  });
});

describe('property catalog: regimes', () => {
  it('judges product events and resolver consumers with every single-event property, async function consumers with all but respects-retry-cap, and the many-events ones on product events', () => {
    const manyEvents = ['no-lost-updates', 'no-self-trigger-loop', 'no-stale-overwrite'];
    for (const p of PROPERTIES) {
      expect(p.regimes, p.id).toEqual(
        manyEvents.includes(p.id)
          ? ['product-event']
          : p.id === 'respects-retry-cap'
            ? ['product-event', 'resolver-consumer']
            : ['product-event', 'async-event', 'resolver-consumer'],
      );
    }
  });
});
