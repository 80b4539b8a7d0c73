/** Reading dotted paths (`issue.fields.assignee`) out of payloads, for the payload tests. */

/** The value at a dotted path, or undefined when a step is missing. */
export const valueAt = (value: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((v, key) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), value);

/** How a part of a payload appears. */
export type Form = 'absent' | 'null' | 'empty' | 'set';

/** The forms a path takes in a payload, looking through arrays on the way (`changelog.items.from`). */
export const formsAt = (value: unknown, path: string): Form[] => {
  const walk = (v: unknown, keys: readonly string[]): Form[] => {
    if (keys.length === 0) return [v === undefined ? 'absent' : v === null ? 'null' : Array.isArray(v) && v.length === 0 ? 'empty' : 'set'];
    if (Array.isArray(v)) return v.flatMap((item) => walk(item, keys));
    if (v === null || typeof v !== 'object') return ['absent'];
    const [key, ...rest] = keys;
    return walk((v as Record<string, unknown>)[key!], rest);
  };
  return walk(value, path.split('.'));
};
