import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderRulesTable } from '../src/api/rules-table.js';

const README = new URL('../README.md', import.meta.url);

describe('README platform rules', () => {
  it('shows the table rendered from the catalog (between the rules markers)', () => {
    const text = readFileSync(README, 'utf8');
    const found = /<!-- rules:start -->\n([\s\S]*?)\n<!-- rules:end -->/.exec(text);
    expect(found, 'README.md needs <!-- rules:start --> and <!-- rules:end --> around the rules table').not.toBeNull();
    // On a difference, paste renderRulesTable()'s output (shown as "expected") between the markers.
    expect(found?.[1]).toBe(renderRulesTable());
  });
});
