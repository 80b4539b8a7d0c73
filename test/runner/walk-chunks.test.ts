/**
 * The exhaustive walk spread over processes (`--workers`) plays each level in chunks elsewhere and goes
 * on from their results. Here the chunks are played in this process, in small pieces and in reverse
 * order (as workers may finish them), and the result must be the serial walk's, field for field:
 * the same runs, coverage, first failing schedule, replay path and report. test/full/workers.test.ts
 * checks the same through real worker processes.
 */
import { describe, expect, it } from 'vitest';
import { checkRetrySemantics } from '../../src/api/check.js';
import { checkWalkingWith, playWalkChunkOf, type LevelPlayer } from '../../src/api/walk-chunks.js';
import type { CheckOptions, ForgeHandler } from '../../src/api/types.js';
import { chunksOf } from '../../src/cli/workers.js';
import { BUGGY, CORRECT } from '../handlers/index.js';

/** Plays a level in chunks of `size`, last chunk first; counts the chunks played. */
const reversedChunks = (handler: ForgeHandler, options: CheckOptions, size: number, played: { chunks: number }): LevelPlayer => {
  return async (level, previous) => {
    const chunks = Array.from({ length: Math.ceil(level.length / size) }, (_, i) => level.slice(i * size, (i + 1) * size));
    const results = [];
    for (let i = chunks.length - 1; i >= 0; i--) {
      results[i] = await playWalkChunkOf(handler, options, chunks[i]!, i === 0 ? previous : chunks[i - 1]!.at(-1));
      played.chunks++;
    }
    return results.flat();
  };
};

const bothWays = async (handler: ForgeHandler, options: CheckOptions, size: number) => {
  const serial = await checkRetrySemantics(handler, options);
  const played = { chunks: 0 };
  const chunked = await checkWalkingWith(handler, options, reversedChunks(handler, options, size, played));
  return { serial, chunked, chunks: played.chunks };
};

describe('the exhaustive walk in chunks', () => {
  it('passes a correct handler with the serial walk’s runs and coverage', async () => {
    const c = CORRECT.find((x) => x.name.startsWith('resolver-style'))!;
    const { serial, chunked, chunks } = await bothWays(c.handler, { ...c.options, exhaustive: { depth: 2 } }, 4);
    expect(serial.verdict).toBe('passed');
    expect(chunks).toBeGreaterThan(5);
    expect(chunked).toEqual(serial);
  });

  it('finds the same first failing schedule of buggy handlers, with the same report', async () => {
    const deep = [];
    // A few whose first failure lies at several depths; test/full/walk-chunks.test.ts plays every one.
    const some = [
      'parseInt on Retry-After',
      'Atlassian sample 1',
      'uses platform codes',
      'catch-all that logs',
      'throws on an upstream error',
      'forgets retryReason',
    ];
    for (const b of BUGGY.filter((x) => some.some((n) => x.name.startsWith(n)))) {
      const { serial, chunked } = await bothWays(b.handler, { ...b.options, exhaustive: { depth: 2 } }, 2);
      expect(chunked, b.name).toEqual(serial);
      if (serial.verdict !== 'passed' && serial.runs > 4) deep.push(b.name);
    }
    // Some findings lie past the first chunks of a level, where the order of the chunks matters.
    expect(deep.length).toBeGreaterThanOrEqual(2);
  });

  it('is undefined for a check that does not walk', async () => {
    const c = CORRECT[0]!;
    expect(await checkWalkingWith(c.handler, { ...c.options, numRuns: 1 }, () => Promise.reject(new Error('not called')))).toBeUndefined();
  });

  it('cuts a level into contiguous chunks of at least 24 schedules, three per process at most', () => {
    const level = Array.from({ length: 200 }, (_, i) => i);
    const chunks = chunksOf(level, 2);
    expect(chunks.flat()).toEqual(level);
    expect(chunks).toHaveLength(6);
    expect(chunksOf(level.slice(0, 30), 2)).toEqual([level.slice(0, 30)]);
  });
});
