import { describe, expect, it } from 'vitest';
import { instanceFor } from '../../models/instance.js';

const ok = { kind: 'success', value: undefined } as const;

describe('module instance model', () => {
  it('starts every event on a fresh instance, whatever the scenario chose', () => {
    expect(instanceFor('first', undefined, 'warm')).toBe('cold');
  });

  it('sends a redelivery where the scenario chose, warm when it chose nothing', () => {
    expect(instanceFor('duplicate', ok, 'cold')).toBe('cold');
    expect(instanceFor('app-retry', ok, 'warm')).toBe('warm');
    expect(instanceFor('platform-retry', { kind: 'platform-fault', fault: 'platform-rate-limited' }, undefined)).toBe('warm');
  });

  it('sends the delivery after a timeout or out-of-memory crash to a fresh instance: Lambda resets that environment', () => {
    expect(instanceFor('platform-retry', { kind: 'platform-fault', fault: 'timeout' }, 'warm')).toBe('cold');
    expect(instanceFor('platform-retry', { kind: 'platform-fault', fault: 'out-of-memory' }, 'warm')).toBe('cold');
  });
});
