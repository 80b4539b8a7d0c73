/**
 * Text search as JQL's and CQL's `~` does it, approximately: case-insensitive, word by word, every term
 * of the query must occur as a word of the text (a trailing `*` matches a prefix, a plural or -ed/-ing
 * ending is ignored), a quoted phrase must occur as a whole.
 */

/**
 * The plain text of a value: a string as is, an Atlassian Document Format tree by its text nodes.
 *
 * @example
 * plainText({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Hi' }] }] }) // 'Hi'
 */
export const plainText = (value: unknown): string => {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(plainText).join(' ');
  if (typeof value === 'object' && value !== null) {
    const node = value as Record<string, unknown>;
    if (typeof node['text'] === 'string') return node['text'];
    if (Array.isArray(node['content'])) return plainText(node['content']);
    if (typeof node['value'] === 'string') return node['value'].replace(/<[^>]*>/g, ' ');
  }
  return '';
};

const words = (text: string): string[] =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);

const stem = (word: string): string => word.replace(/(ing|ed|es|s)$/, '');

/**
 * Whether `text` matches the search `query`.
 *
 * @example
 * textMatches('Printers are on fire', 'printer fire') // true
 * textMatches('Printers are on fire', 'print*')       // true
 */
export const textMatches = (text: string, query: string): boolean => {
  const phrase = /^"(.*)"$/.exec(query.trim());
  if (phrase !== null) return words(text).join(' ').includes(words(phrase[1]!).join(' '));
  const have = words(text);
  const terms = query
    .toLowerCase()
    .split(/\s+/)
    .filter((t) => t.length > 0);
  return terms.every((term) => {
    if (term.endsWith('*')) {
      const prefix = words(term.slice(0, -1))[0] ?? '';
      return have.some((w) => w.startsWith(prefix));
    }
    return words(term).every((t) => have.some((w) => w === t || stem(w) === stem(t)));
  });
};
