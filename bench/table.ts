/** Plain-text tables: a one-line header, aligned columns, numbers on the right. */

/** One column: its header and alignment. @defaultValue align 'right' */
export interface Column {
  readonly header: string;
  readonly align?: 'left' | 'right';
}

/** A cell: text as is, numbers formatted by `num`. */
export type Cell = string | number | null | undefined;

/** Formats a number with sensible precision; `null`/`undefined` print as a dash. */
export const num = (value: number | null | undefined, digits?: number): string => {
  if (value === null || value === undefined || Number.isNaN(value)) return '-';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (digits !== undefined) return value.toFixed(digits);
  if (Number.isInteger(value)) return String(value);
  const abs = Math.abs(value);
  return value.toFixed(abs < 10 ? 2 : abs < 100 ? 1 : 0);
};

const text = (cell: Cell): string => (typeof cell === 'number' || cell === null || cell === undefined ? num(cell) : cell);

/**
 * Renders a table with a title line.
 *
 * @example
 * console.log(formatTable('Latency', [{ header: 'handler', align: 'left' }, { header: 'ms' }], [['audit', 14.2]]));
 */
export const formatTable = (title: string, columns: readonly Column[], rows: readonly (readonly Cell[])[], notes: readonly string[] = []): string => {
  const cells = rows.map((row) => columns.map((_, i) => text(row[i])));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((r) => r[i]!.length)));
  const line = (values: readonly string[]): string =>
    values
      .map((v, i) => ((columns[i]!.align ?? 'right') === 'left' ? v.padEnd(widths[i]!) : v.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [
    `== ${title}`,
    line(columns.map((c) => c.header)),
    line(widths.map((w) => '-'.repeat(w))),
    ...cells.map(line),
    ...notes.map((n) => `   ${n}`),
    '',
  ].join('\n');
};

/** Shortens a long handler name for a table cell. */
export const clip = (name: string, width = 52): string => (name.length <= width ? name : `${name.slice(0, width - 3)}...`);
