/**
 * A function used by several modules gets the lowest of their timeouts, and `timeoutSeconds` does not
 * apply to trigger functions (docs/platform.md "Function timeouts"): the manifest reader hands each
 * consumer the timeout its function really runs with.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { manifestTargets } from '../../src/cli/manifest.js';

const app = (manifest: string): { dir: string; doc: Record<string, unknown> } => {
  const dir = mkdtempSync(join(tmpdir(), 'frh-manifest-'));
  mkdirSync(join(dir, 'src'));
  writeFileSync(join(dir, 'src', 'index.js'), 'export const run = async () => {};\nexport const other = async () => {};\n');
  writeFileSync(join(dir, 'manifest.yml'), manifest);
  return { dir, doc: parse(manifest) as Record<string, unknown> };
};

const timeoutsOf = (manifest: string): Record<string, number | undefined> => {
  const { dir, doc } = app(manifest);
  const { targets, problems } = manifestTargets(dir, doc);
  expect(problems).toEqual([]);
  return Object.fromEntries(targets.map((t) => [t.source.kind === 'file' ? t.source.reference : t.source.module, t.options.timeoutSeconds]));
};

describe('manifest timeouts', () => {
  it("gives a consumer its function's timeoutSeconds when no other module uses the function", () => {
    const manifest = [
      'modules:',
      '  consumer:',
      '    - { key: long-consumer, queue: jobs, function: long-fn }',
      '  function:',
      '    - { key: long-fn, handler: index.run, timeoutSeconds: 300 }',
      '',
    ].join('\n');
    expect(timeoutsOf(manifest)).toEqual({ 'long-consumer': 300 });
  });

  it('gives a consumer that shares its function with a trigger the trigger timeout, the lowest (25 s)', () => {
    const manifest = [
      'modules:',
      '  trigger:',
      '    - { key: on-create, function: shared-fn, events: [avi:jira:created:issue] }',
      '  consumer:',
      '    - { key: shared-consumer, queue: jobs, function: shared-fn }',
      '  function:',
      '    - { key: shared-fn, handler: index.run, timeoutSeconds: 300 }',
      '',
    ].join('\n');
    expect(timeoutsOf(manifest)).toEqual({ 'on-create': undefined, 'shared-consumer': 25 });
  });

  it('gives consumers sharing a function the lowest timeout among them', () => {
    const manifest = [
      'modules:',
      '  consumer:',
      '    - { key: a, queue: jobs-a, function: fn }',
      '    - { key: b, queue: jobs-b, resolver: { function: fn, method: sync } }',
      '  function:',
      '    - { key: fn, handler: index.run, timeoutSeconds: 120 }',
      '',
    ].join('\n');
    expect(timeoutsOf(manifest)).toEqual({ a: 120, b: 120 });
  });
});
