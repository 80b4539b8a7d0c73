/**
 * Virtual time. The model never reads a clock: every instant is a branded number of milliseconds since
 * the Unix epoch, chosen by the harness, so that the same seed always gives the same timeline.
 */

/** Milliseconds since the Unix epoch, in the simulation's virtual time. */
export type VirtualMs = number & { readonly __brand: 'VirtualMs' };

/** A duration in virtual milliseconds. */
export type DurationMs = number & { readonly __brand: 'DurationMs' };

/**
 * Where every simulation starts: 2025-01-01T00:00:00Z. Fixed so that reports and HTTP-dates are
 * reproducible byte for byte.
 */
export const VIRTUAL_EPOCH = Date.UTC(2025, 0, 1) as VirtualMs;

/** Brands a number of epoch milliseconds as a virtual instant. */
export const at = (ms: number): VirtualMs => ms as VirtualMs;

/** Brands a number of milliseconds as a duration. */
export const durationMs = (ms: number): DurationMs => ms as DurationMs;

/** Converts (possibly fractional) seconds to a whole-millisecond duration. */
export const seconds = (s: number): DurationMs => Math.round(s * 1000) as DurationMs;

/** The instant `d` after `t`. */
export const after = (t: VirtualMs, d: DurationMs): VirtualMs => (t + d) as VirtualMs;

/** Renders a virtual instant relative to the epoch of its simulation, e.g. `t=120s`, `t=1.5s`. */
export const formatOffset = (t: VirtualMs, origin: VirtualMs = VIRTUAL_EPOCH): string => {
  const ms = t - origin;
  return `t=${Number.isInteger(ms / 1000) ? ms / 1000 : (ms / 1000).toFixed(3).replace(/0+$/, '')}s`;
};
