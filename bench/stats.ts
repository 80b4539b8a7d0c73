/** Small statistics over samples. */

/** The median of a non-empty sample (the mean of the middle two for an even count). */
export const median = (xs: readonly number[]): number => {
  if (xs.length === 0) return Number.NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export const maxOf = (xs: readonly number[]): number => (xs.length === 0 ? Number.NaN : Math.max(...xs));
export const minOf = (xs: readonly number[]): number => (xs.length === 0 ? Number.NaN : Math.min(...xs));
export const sumOf = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
