/**
 * One exhaustive walk split across the jobs of a CI matrix (`--shard i/n --split-walks`): each job walks
 * the levels above the deepest whole and a slice of the deepest, and the parts joined must be the
 * unsplit walk's result, field for field but its text report (merge writes JSON): runs, coverage,
 * verdicts, inconclusive reasons, the first failing schedule and its replay. test/full/split-walks.test.ts
 * checks the same through the CLI and `merge`.
 */
import { describe, expect, it } from 'vitest';
import { checkRetrySemantics } from '../../src/api/check.js';
import { checkWalkPart, joinWalkParts, type WalkPart } from '../../src/api/walk-chunks.js';
import type { CheckOptions, CheckResult, ForgeHandler } from '../../src/api/types.js';
import { asApp, route } from '@forge/api';
import { kvs } from '@forge/kvs';
import { BUGGY, CORRECT } from '../handlers/index.js';

/** Reads a field a generated payload may lack before any I/O: every run throws a TypeError. */
const readsChangelog = async (event: { changelog: { items: { field: string }[] } }) => {
  if (event.changelog.items.some((i) => i.field === 'status')) await asApp().requestJira(route`/rest/api/3/myself`);
};

/** A configuration-gated handler: without its settings key in the store it returns at once. */
const gatedOnSettings = async (event: { issue?: { key?: string } }) => {
  const settings = await kvs.get<{ project: string }>('settings');
  if (settings === undefined) return;
  await asApp().requestJira(route`/rest/api/3/issue/${event.issue?.key ?? ''}`);
};

/** Reads once and never asks for a retry: retry-data-round-trips never has anything to judge. */
const readsOnce = async () => {
  try {
    await asApp().requestJira(route`/rest/api/3/myself`);
  } catch (error) {
    console.error('could not read the current user', error);
  }
};

const split = async (handler: ForgeHandler, options: CheckOptions, count: number): Promise<WalkPart[]> => {
  const parts: WalkPart[] = [];
  for (let index = 1; index <= count; index++) parts.push((await checkWalkPart(handler, options, { index, count }))!);
  return parts;
};

/**
 * Buggy handlers whose first failure lies in the deepest level (some past its first slice, some in
 * several slices) or above it; test/full/split-walks.test.ts joins every one.
 */
const SPLIT_BUGGY = BUGGY.filter((b) =>
  ['parseInt on Retry-After', 'uses platform codes', 'catch-all that logs', 'Atlassian sample 1', 'forgets retryReason', 'keeps a Date'].some((n) =>
    b.name.startsWith(n),
  ),
);

const withoutReport = (r: CheckResult) => ({ ...r, report: '' });

const joined = async (handler: ForgeHandler, options: CheckOptions, count: number) => {
  const parts = await split(handler, options, count);
  return { parts, result: joinWalkParts(parts, options.seed ?? 20250101) };
};

describe('an exhaustive walk split across jobs', () => {
  it('joins to the unsplit walk of correct handlers, coverage and verdicts included', async () => {
    for (const c of CORRECT.filter((x) => !x.name.startsWith('pages'))) {
      const options = { ...c.options, exhaustive: { depth: 2 } };
      const serial = await checkRetrySemantics(c.handler, options);
      for (const count of c === CORRECT[0] ? [2, 3] : [2]) {
        const { parts, result } = await joined(c.handler, options, count);
        expect(result, `${c.name} in ${count}`).toEqual(withoutReport(serial));
        // Each job played only its slice of the deepest level.
        expect(parts.reduce((sum, p) => sum + p.record.deepest.to - p.record.deepest.from, 0)).toBe(parts[0]!.record.deepest.of);
      }
    }
  });

  it('finds the unsplit walk’s first failing schedule of buggy handlers, wherever it lies', async () => {
    const laterSliceOnly = [];
    const severalSlices = [];
    for (const b of SPLIT_BUGGY) {
      // Depth 1 for all, as findings lie in the deepest level more often there; depth 2 for one that fails at depth 2.
      for (const depth of b.name.startsWith('parseInt') ? [1, 2] : [1]) {
        const options = { ...b.options, exhaustive: { depth } };
        const serial = await checkRetrySemantics(b.handler, options);
        for (const count of [3]) {
          const { parts, result } = await joined(b.handler, options, count);
          expect(result, `${b.name} at depth ${depth} in ${count}`).toEqual(withoutReport(serial));
          const failed = parts.map((p) => p.record.deepest.failed);
          if (failed.indexOf(true) > 0) laterSliceOnly.push(b.name);
          if (failed.filter(Boolean).length > 1) severalSlices.push(b.name);
        }
      }
    }
    // Some first failures lie past the first slice of the deepest level, and some slices fail after an
    // earlier one did: joining must count up to, and report, the first failing slice's schedule.
    expect(laterSliceOnly.length).toBeGreaterThanOrEqual(1);
    expect(severalSlices.length).toBeGreaterThanOrEqual(2);
  });

  it('joins to the unsplit walk’s inconclusive verdicts, with their reasons', async () => {
    const cases: [string, ForgeHandler, CheckOptions, RegExp][] = [
      ['throws on the payload', readsChangelog, {}, /^the handler threw on the payload before any I\/O in every run/],
      [
        'reads a store key never set',
        gatedOnSettings,
        { properties: ['retry-after-valid', 'honours-retry-after'] },
        /^the handler read only store keys that were never there \("settings"\)/,
      ],
      ['never carries retryData', readsOnce, { properties: ['retry-data-round-trips'] }, /^no property had anything to judge/],
    ];
    for (const [name, handler, given, reason] of cases) {
      const options = { ...given, exhaustive: { depth: 2 } };
      const serial = await checkRetrySemantics(handler, options);
      expect(serial.inconclusive?.reason ?? serial.verdict, name).toMatch(reason);
      for (const count of [2, 3]) expect((await joined(handler, options, count)).result, `${name} in ${count}`).toEqual(withoutReport(serial));
    }
  });

  it('refuses parts that are not the slices of one walk', async () => {
    const c = CORRECT[0]!;
    const options = { ...c.options, exhaustive: { depth: 1 } };
    const parts = await split(c.handler, options, 2);
    expect(() => joinWalkParts([parts[1]!, parts[0]!], 1)).toThrow(/part 1 is slice 2\/2/);
    expect(() => joinWalkParts([parts[0]!], 1)).toThrow(/1 parts of a walk split in 2/);
  });

  it('is undefined for a check that does not walk', async () => {
    const c = CORRECT[0]!;
    expect(await checkWalkPart(c.handler, { ...c.options, numRuns: 1 }, { index: 1, count: 2 })).toBeUndefined();
  });
});
