/**
 * docs/platform.md is the reference code comments and the rules catalog link to
 * (`docs/platform.md#maxretries`), so it must cover every rule the model has, under a heading whose
 * GitHub anchor is the rule's name in lower case, state the value the model uses, and give every entry
 * a basis and a source anyone can open.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PLATFORM_RULES } from '../../models/rules.js';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const text = readFileSync(join(repo, 'docs', 'platform.md'), 'utf8');
const lines = text.split('\n');

interface Section {
  /** The `##` part the entry sits in. */
  readonly part: string;
  /** The heading text after `### `. */
  readonly heading: string;
  readonly body: string;
}

/** Every `###` entry with its body (up to the next `##` or `###` heading). */
const sections = ((): Section[] => {
  const found: { part: string; heading: string; body: string[] }[] = [];
  let part = '';
  for (const line of lines) {
    if (line.startsWith('## ')) {
      part = line.slice(3);
      found.push({ part, heading: '', body: [] });
    } else if (line.startsWith('### ')) {
      found.push({ part, heading: line.slice(4), body: [] });
    } else {
      found.at(-1)?.body.push(line);
    }
  }
  return found.filter((s) => s.heading !== '').map((s) => ({ part: s.part, heading: s.heading, body: s.body.join('\n') }));
})();

const RULES_PART = 'Rules (`PlatformRules`)';
const ruleNames = Object.keys(DEFAULT_PLATFORM_RULES);
const ruleSections = sections.filter((s) => s.part === RULES_PART);

/** The anchor GitHub gives a heading: lower case, punctuation other than `-` and `_` dropped, spaces to `-`. */
const githubAnchor = (heading: string): string =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');

/** A default as the page writes it: `4`, `'drop-event'`, `{ initialSeconds: 60, factor: 2, maxSeconds: 900 }`. */
const renderDefault = (value: unknown): string => {
  if (typeof value === 'string') return `'${value}'`;
  if (value !== null && typeof value === 'object') {
    return `{ ${Object.entries(value)
      .map(([k, v]) => `${k}: ${renderDefault(v)}`)
      .join(', ')} }`;
  }
  return String(value);
};

const BASIS = /^- \*\*Basis:\*\* ([DCU])\b/m;
const LINK = /\]\((https:\/\/[^)\s]+)\)/g;

describe('docs/platform.md', () => {
  it('has the rules part the rule headings live in', () => {
    expect(lines).toContain(`## ${RULES_PART}`);
  });

  it.each(ruleNames)('has exactly one heading "### `%s`", anchored at its lower-case name', (name) => {
    const headings = lines.filter((line) => line === `### \`${name}\``);
    expect(headings).toHaveLength(1);
    expect(githubAnchor(`\`${name}\``)).toBe(name.toLowerCase());
    expect(ruleSections.map((s) => s.heading)).toContain(`\`${name}\``);
  });

  it('documents no rule the model does not have', () => {
    const documented = ruleSections.map((s) => s.heading.replace(/^`|`$/g, ''));
    expect(documented.filter((name) => !ruleNames.includes(name))).toEqual([]);
  });

  it.each(ruleNames)('states the default the model uses for %s', (name) => {
    const section = ruleSections.find((s) => s.heading === `\`${name}\``);
    const expected = renderDefault(DEFAULT_PLATFORM_RULES[name as keyof typeof DEFAULT_PLATFORM_RULES]);
    expect(section?.body).toMatch(/^- \*\*Default:\*\* `.*`$/m);
    expect(section?.body).toContain(`- **Default:** \`${expected}\``);
  });

  it.each(sections.map((s) => [s.heading, s] as const))('states a basis (D, C or U) for %s', (_heading, section) => {
    expect(section.body).toMatch(BASIS);
  });

  it.each(sections.map((s) => [s.heading, s] as const))('links at least one public source for %s', (_heading, section) => {
    expect([...section.body.matchAll(LINK)].length).toBeGreaterThan(0);
  });

  it('links only absolute https addresses', () => {
    const targets = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]);
    expect(targets.filter((t) => t === undefined || !t.startsWith('https://'))).toEqual([]);
  });
});
