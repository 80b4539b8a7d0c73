import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PAYLOAD_FAMILIES } from '../../src/payloads/catalog.js';
import { KNOWN_EVENT_TYPES, payloadFamilyOf } from '../../src/payloads/event-payloads.js';
import { GENERATORS } from '../../src/payloads/generators.js';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The checklist: @forge/manifest's list of product events (read here only; the harness never imports it). */
const manifestEvents = (): string[] => {
  const file = join(repo, 'node_modules/@forge/manifest/out/mapping/product-event-to-scope-mapping.json');
  const mapping = JSON.parse(readFileSync(file, 'utf8')) as { mapping: { productEvent: string }[] };
  return mapping.mapping.map((m) => m.productEvent);
};

const LIFE_CYCLE = ['avi:forge:installed:app', 'avi:forge:upgraded:app'];

/** The event-name prefix of each product. */
const PREFIX = {
  jira: 'avi:jira:',
  'jira-software': 'avi:jira-software:',
  'jira-service-management': 'avi:jsm-entity:',
  confluence: 'avi:confluence:',
  bitbucket: 'avi:bitbucket:',
  compass: 'avi:compass:',
  forge: 'avi:forge:',
} as const;

describe('payload catalog', () => {
  it('gives every product event of @forge/manifest a family and a generator', () => {
    const events = manifestEvents();
    expect(events.length).toBeGreaterThanOrEqual(155);
    expect(events.filter((e) => payloadFamilyOf(e) === undefined)).toEqual([]);
    expect(events.filter((e) => !(payloadFamilyOf(e)!.id in GENERATORS))).toEqual([]);
  });

  it('gives the life-cycle events their own families', () => {
    expect(LIFE_CYCLE.map((e) => payloadFamilyOf(e)?.id)).toEqual(['forge-installed', 'forge-upgraded']);
  });

  it('recognises app events by their pattern', () => {
    expect(payloadFamilyOf('avi:cloud:ecosystem::event/d9022ad7-c220-4836-b1d1-7f9f2c633d3a/event-key')?.id).toBe('forge-app-event');
    expect(payloadFamilyOf('avi:cloud:ecosystem::event/d9022ad7-c220-4836-b1d1-7f9f2c633d3a')).toBeUndefined();
  });

  it('puts every event in exactly one family', () => {
    const all = PAYLOAD_FAMILIES.flatMap((f) => [...f.events]);
    expect(all.filter((e, i) => all.indexOf(e) !== i)).toEqual([]);
    expect(KNOWN_EVENT_TYPES).toHaveLength(all.length);
  });

  it('has a generator for each family and a family for each generator', () => {
    expect(Object.keys(GENERATORS).sort()).toEqual(PAYLOAD_FAMILIES.map((f) => f.id).sort());
  });

  it('records where each shape comes from, and what an assumed one rests on', () => {
    for (const family of PAYLOAD_FAMILIES) {
      expect(family.source, family.id).toMatch(/^https:\/\/developer\.atlassian\.com\/(platform\/forge\/events-reference|cloud\/jira\/platform\/rest)\//);
      if (family.basis === 'assumed') expect('note' in family && family.note.length > 20, family.id).toBe(true);
    }
    expect(PAYLOAD_FAMILIES.filter((f) => f.basis === 'assumed').map((f) => f.id)).toEqual([
      'jira-issue-property',
      'jsm-entity',
      'confluence-permissions-other',
    ]);
  });

  it('names the events of a family after its product', () => {
    const misfiled = PAYLOAD_FAMILIES.flatMap((f) => f.events.filter((e) => !e.startsWith(PREFIX[f.product])).map((e) => `${f.id}: ${e}`));
    expect(misfiled).toEqual([]);
  });

  it('lists required parts and varying parts apart', () => {
    for (const family of PAYLOAD_FAMILIES) {
      const required: readonly string[] = family.required;
      expect(required.length, family.id).toBeGreaterThan(0);
      expect(new Set(family.varies).size, family.id).toBe(family.varies.length);
    }
  });
});
