import { describe, expect, it } from 'vitest';
import api from '@forge/api';
import { checkRetrySemantics } from '../../src/index.js';
import { maskGenerated } from '../../src/runtime/seeded-random.js';
import { driveProduct, globalsSnapshot, scenario } from './helpers.js';

const draws = async () => {
  const bytes = crypto.getRandomValues(new Uint8Array(4));
  const node = (await import('node:crypto')).getRandomValues(new Uint8Array(2));
  return { random: Math.random(), bytes: [...bytes], node: [...node], uuid: crypto.randomUUID() };
};

describe('seeded randomness', () => {
  it('gives the handler the same Math.random and getRandomValues for the same scenario, and real ones outside', async () => {
    const before = globalsSnapshot();
    const a = await driveProduct(draws);
    const b = await driveProduct(draws);
    expect(a.deliveries[0]!.outcome).toEqual(b.deliveries[0]!.outcome);
    const other = await driveProduct(draws, { scenario: scenario([{ responses: [{ kind: 'ok' }] }]) });
    expect(other.deliveries[0]!.outcome).not.toEqual(a.deliveries[0]!.outcome);
    expect(globalsSnapshot()).toEqual(before);
    expect(Math.random()).not.toBe(Math.random());
  });

  it('masks ids drawn at random in the recorded effect body, and nothing else', () => {
    const x = 0.4471625421;
    const forms = [x.toString(36).slice(2)];
    expect(maskGenerated(JSON.stringify({ id: x.toString(36).slice(2, 10), issue: 'SUP-123456' }), forms)).toBe('{"id":"<generated>","issue":"SUP-123456"}');
    expect(maskGenerated('{"id":"abc"}', [])).toBe('{"id":"abc"}');
  });

  it('does not take two random-id POSTs of one delivery for one effect twice (zero false positives)', async () => {
    const twoMessages = async () => {
      for (const text of ['a', 'a']) {
        await api.fetch('https://chat.example.com/hooks/x', { method: 'POST', body: JSON.stringify({ messageId: Math.random().toString(36).slice(2), text }) });
      }
    };
    const result = await checkRetrySemantics(twoMessages, { trigger: 'product-event', seed: 7, numRuns: 10, properties: ['no-duplicate-effects'] });
    // Both POSTs go out on every delivery, so a retry repeats them; with no retry (all calm) it passes.
    const calm = await driveProduct(twoMessages);
    expect(calm.deliveries[0]!.requests.map((r) => r.effectBody)).toEqual(['{"messageId":"<generated>","text":"a"}', '{"messageId":"<generated>","text":"a"}']);
    expect(result.failures.every((f) => f.trace.deliveries.length > 1)).toBe(true);
  });
});
