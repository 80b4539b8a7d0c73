import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HarnessUsageError } from '../../src/messages/usage-error.js';
import { parseReplayPath, printReplayPath, readReplayPath, type ReplayPath } from '../../src/runner/replay-path.js';
import { SMALL_SCOPE_STEPS } from '../../src/runner/small-scope-steps.js';

const index = fc.nat({ max: 10_000 });
const replayPath: fc.Arbitrary<ReplayPath> = fc.oneof(
  fc.record({ kind: fc.constant('sampled' as const), run: index, shrinks: fc.array(index, { maxLength: 12 }) }),
  fc.record(
    {
      kind: fc.constant('schedule' as const),
      steps: fc.array(fc.constantFrom(...SMALL_SCOPE_STEPS), { maxLength: 8 }),
      duplicate: fc.boolean(),
      cold: fc.constant(true),
    },
    { requiredKeys: ['kind', 'steps', 'duplicate'] },
  ),
  fc.record({ kind: fc.constant('events' as const), run: index, shrinks: fc.array(index, { maxLength: 12 }) }),
  // Canonical walk paths: the last choice is never the first choice (0), which every step past the end takes.
  fc.record({
    kind: fc.constant('events-walk' as const),
    pair: fc.nat({ max: 5 }),
    choices: fc.array(fc.nat({ max: 3 }), { maxLength: 6 }).filter((cs) => cs.length === 0 || cs[cs.length - 1] !== 0),
  }),
);
/** Texts in the grammar of replay paths, built character by character. */
const pathText = fc.oneof(
  fc.array(index, { minLength: 1, maxLength: 12 }).map((ns) => ns.join(':')),
  fc
    .tuple(fc.array(fc.nat({ max: SMALL_SCOPE_STEPS.length - 1 }), { maxLength: 8 }), fc.boolean(), fc.boolean())
    .map(([ns, d, c]) => `x${ns.join('.')}${d ? 'd' : ''}${c ? 'c' : ''}`),
  fc
    .tuple(fc.nat({ max: 5 }), fc.array(fc.nat({ max: 3 }), { maxLength: 5 }), fc.integer({ min: 1, max: 3 }))
    .map(([pair, ns, last]) => `ew${pair}:${[...ns, last].join('.')}`),
  fc.nat({ max: 5 }).map((pair) => `ew${pair}`),
);

describe('replay paths', () => {
  it('print(parse(s)) gives s back for every path a report can print', () => {
    fc.assert(
      fc.property(pathText, (text) => {
        const parsed = readReplayPath(text);
        expect(parsed).toBeDefined();
        expect(printReplayPath(parsed!)).toBe(text);
      }),
    );
  });

  it('parse(print(p)) gives p back for every replay path', () => {
    fc.assert(
      fc.property(replayPath, (path) => {
        expect(readReplayPath(printReplayPath(path))).toEqual(path);
      }),
    );
  });

  it('reads a walk path of two events, canonical only', () => {
    expect(readReplayPath('ew0:0.1')).toEqual({ kind: 'events-walk', pair: 0, choices: [0, 1] });
    expect(readReplayPath('ew1')).toEqual({ kind: 'events-walk', pair: 1, choices: [] });
    expect(printReplayPath({ kind: 'events-walk', pair: 0, choices: [1, 0, 0] })).toBe('ew0:1');
    for (const text of ['ew0:1.0', 'ew', 'ew0:', 'ew01', 'ew0.1']) expect(readReplayPath(text), text).toBeUndefined();
  });

  it('reads the two kinds', () => {
    expect(readReplayPath('13:2:0')).toEqual({ kind: 'sampled', run: 13, shrinks: [2, 0] });
    expect(readReplayPath('0')).toEqual({ kind: 'sampled', run: 0, shrinks: [] });
    expect(readReplayPath('x')).toEqual({ kind: 'schedule', steps: [], duplicate: false });
    expect(readReplayPath('x1.3.0d')).toEqual({ kind: 'schedule', steps: ['rate-limited', 'network-error', 'ok'], duplicate: true });
    expect(readReplayPath('xdc')).toEqual({ kind: 'schedule', steps: [], duplicate: true, cold: true });
  });

  it.each(['', 'not a path', '1:', ':1', '1::2', '01', '1:02', 'x7', 'x1..2', 'x.1', 'x1.', 'xdd', 'xcd', 'xcc', 'x01', 'X1', '9007199254740993', '1.2'])(
    'refuses %j',
    (text) => {
      expect(readReplayPath(text)).toBeUndefined();
      expect(() => parseReplayPath(text)).toThrow(HarnessUsageError);
    },
  );

  it('a refusal says what a path looks like', () => {
    expect(() => parseReplayPath('x9')).toThrow(
      expect.objectContaining({ what: 'option "path" is "x9"', fix: expect.stringContaining('step numbers from 0 to 6') }),
    );
  });
});
