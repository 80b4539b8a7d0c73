/** Every buggy corpus handler's walk played in chunks, last chunk first, gives the serial walk's result (test/runner/walk-chunks.test.ts plays a few). */
import { describe, expect, it } from 'vitest';
import { checkRetrySemantics } from '../../src/api/check.js';
import { checkWalkingWith, playWalkChunkOf, type LevelPlayer } from '../../src/api/walk-chunks.js';
import { BUGGY } from '../handlers/index.js';

describe('the exhaustive walk in chunks, every buggy handler', () => {
  it('finds the same first failing schedule, with the same report', async () => {
    // All but the one whose single failing run spends seconds paging.
    for (const b of BUGGY.filter((x) => !x.name.startsWith('pages with'))) {
      const options = { ...b.options, exhaustive: { depth: 2 } };
      const reversed: LevelPlayer = async (level, previous) => {
        const chunks = Array.from({ length: Math.ceil(level.length / 2) }, (_, i) => level.slice(i * 2, (i + 1) * 2));
        const results = [];
        for (let i = chunks.length - 1; i >= 0; i--)
          results[i] = await playWalkChunkOf(b.handler, options, chunks[i]!, i === 0 ? previous : chunks[i - 1]!.at(-1));
        return results.flat();
      };
      expect(await checkWalkingWith(b.handler, options, reversed), b.name).toEqual(await checkRetrySemantics(b.handler, options));
    }
  });
});
