/**
 * Forge events are JSON: a BigInt or a cycle in an event cannot be delivered, and `JSON.stringify`
 * only says "Do not know how to serialize a BigInt" or "Converting circular structure", without
 * naming where. This finds the first member that is one, by its path (`event.issue.fields.x`), so the
 * usage error can name it.
 */

/** The first member of an event that JSON cannot carry, and why. */
export interface UnserialisableMember {
  /** Where it is: `event.issue.fields.x`, `event.items[2]`. */
  readonly path: string;
  readonly kind: 'bigint' | 'cycle';
}

const memberPath = (parent: string, key: string | number): string =>
  typeof key === 'number' ? `${parent}[${key}]` : /^[A-Za-z_$][\w$]*$/.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;

/** Own enumerable entries as JSON.stringify walks them; a hostile object (a throwing Proxy) has none. */
const entriesOf = (value: object): [string | number, unknown][] => {
  try {
    if (Array.isArray(value)) return value.map((v: unknown, i) => [i, v]);
    // A toJSON replaces the object in JSON (a Date becomes its string): what it returns is what is sent.
    const json = (value as { toJSON?: unknown }).toJSON;
    if (typeof json === 'function') return [];
    return Object.entries(value);
  } catch {
    return [];
  }
};

/**
 * The first member of `value` that is a BigInt or closes a cycle, depth first in JSON's order, or
 * undefined when the value is JSON-safe in those two respects.
 *
 * @example
 * const a: Record<string, unknown> = {}; a['self'] = a;
 * findUnserialisable({ issue: { id: 1n } }) // { path: 'event.issue.id', kind: 'bigint' }
 * findUnserialisable(a)                      // { path: 'event.self', kind: 'cycle' }
 */
export const findUnserialisable = (value: unknown, root = 'event'): UnserialisableMember | undefined => {
  const ancestors: object[] = [];
  const walk = (v: unknown, path: string): UnserialisableMember | undefined => {
    if (typeof v === 'bigint') return { path, kind: 'bigint' };
    if (typeof v !== 'object' || v === null) return undefined;
    if (ancestors.includes(v)) return { path, kind: 'cycle' };
    ancestors.push(v);
    try {
      for (const [key, member] of entriesOf(v)) {
        const found = walk(member, memberPath(path, key));
        if (found !== undefined) return found;
      }
      return undefined;
    } finally {
      ancestors.pop();
    }
  };
  return walk(value, root);
};

/** What to say about an unserialisable member: `event.issue.id is a BigInt`. */
export const describeUnserialisable = (member: UnserialisableMember): string =>
  member.kind === 'bigint' ? `${member.path} is a BigInt, which JSON cannot carry` : `${member.path} refers back to an object that contains it (a cycle)`;
