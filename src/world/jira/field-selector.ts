/**
 * The `fields` parameter of Jira's issue reads: a comma-separated list, repeatable, with `*all`,
 * `*navigable`, `id` (no fields) and `-name` exclusions. Each endpoint has its own default (`*all` for
 * GET issue, `*navigable` for the legacy search, `id` for the 2025 search).
 */

/** Whether a field is selected. */
export type FieldSelector = (name: string) => boolean;

/**
 * The selector for the given `fields` values (already split from repeated parameters or a JSON array).
 *
 * @example
 * fieldSelector(['summary,status'], 'id')('summary') // true
 * fieldSelector(['-description'], 'id')('summary')   // true: exclusions alone start from every field
 */
export const fieldSelector = (values: readonly string[], fallback: '*all' | '*navigable' | 'id'): FieldSelector => {
  const tokens = values
    .flatMap((v) => v.split(','))
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
  const given = tokens.length === 0 ? [fallback] : tokens;
  const excluded = new Set(given.filter((t) => t.startsWith('-')).map((t) => t.slice(1)));
  const included = new Set(given.filter((t) => !t.startsWith('-')));
  const all = included.has('*all') || included.has('*navigable') || (included.size === 0 && excluded.size > 0);
  return (name) => !excluded.has(name) && (all || included.has(name));
};
