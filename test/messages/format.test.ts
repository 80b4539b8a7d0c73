import { describe, expect, it } from 'vitest';
import { CliUsageError } from '../../src/cli/errors.js';
import { MESSAGE_PREFIX, formatMessage, formatProblems } from '../../src/messages/format.js';
import { HarnessUsageError, usageError } from '../../src/messages/usage-error.js';

const seed = { what: 'option "seed" is "x"', fix: 'pass a whole number' };
const runs = { what: 'option "numRuns" is number 0', fix: 'pass a whole number from 1 to 100000' };

describe('message format', () => {
  it('puts the prefix before one line', () => {
    expect(MESSAGE_PREFIX).toBe('forge-retry-harness:');
    expect(formatMessage('late call')).toBe('forge-retry-harness: late call');
  });

  it('formats a problem as its what, then its fix indented on the next line', () => {
    expect(formatProblems([seed])).toBe('forge-retry-harness: option "seed" is "x"\n  fix  pass a whole number');
  });

  it('formats several problems one block each, in order', () => {
    expect(formatProblems([seed, runs])).toBe(
      'forge-retry-harness: option "seed" is "x"\n  fix  pass a whole number\n' +
        'forge-retry-harness: option "numRuns" is number 0\n  fix  pass a whole number from 1 to 100000',
    );
  });

  it('formats no problems as nothing', () => {
    expect(formatProblems([])).toBe('');
  });
});

describe('usage errors', () => {
  it('HarnessUsageError carries what and fix, and its message is their format', () => {
    const error = new HarnessUsageError(seed);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('HarnessUsageError');
    expect(error.what).toBe(seed.what);
    expect(error.fix).toBe(seed.fix);
    expect(error.message).toBe(formatProblems([seed]));
  });

  it('usageError throws that error', () => {
    expect(() => usageError(seed.what, seed.fix)).toThrow(new HarnessUsageError(seed));
    expect(() => usageError(seed.what, seed.fix)).toThrow(HarnessUsageError);
  });

  it("the CLI's usage error uses the same format for all its problems", () => {
    expect(new CliUsageError([seed, runs]).message).toBe(formatProblems([seed, runs]));
  });
});
