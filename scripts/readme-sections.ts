/**
 * The README sections generated from catalogs, each between `<!-- name:start -->` and
 * `<!-- name:end -->` markers. `npm run docs` rewrites them; a test fails when one is stale.
 */
import { renderPropertyTable } from '../properties/table.js';

/** Each generated section: its marker name and the text between its markers. */
export const README_SECTIONS: Readonly<Record<string, () => string>> = {
  properties: renderPropertyTable,
};

const markers = (name: string) => ({ start: `<!-- ${name}:start -->`, end: `<!-- ${name}:end -->` });

/** Where the text between a section's markers begins and ends. @throws when the markers are missing, repeated or out of order */
const bounds = (readme: string, name: string): { from: number; to: number } => {
  const { start, end } = markers(name);
  const from = readme.indexOf(start);
  const to = readme.indexOf(end);
  if (from === -1 || to === -1 || to < from || readme.indexOf(start, from + 1) !== -1 || readme.indexOf(end, to + 1) !== -1) {
    throw new Error(`README.md needs exactly one ${start} followed by one ${end}`);
  }
  return { from: from + start.length, to };
};

/** The text between a section's markers, without the newlines that frame it. */
export const readSection = (readme: string, name: string): string => {
  const { from, to } = bounds(readme, name);
  return readme.slice(from, to).replace(/^\n/, '').replace(/\n$/, '');
};

/** `readme` with the text between a section's markers replaced by `body`, on lines of its own. */
export const writeSection = (readme: string, name: string, body: string): string => {
  const { from, to } = bounds(readme, name);
  return `${readme.slice(0, from)}\n${body}\n${readme.slice(to)}`;
};

/** `readme` with every generated section rendered afresh. */
export const renderReadme = (readme: string): string =>
  Object.entries(README_SECTIONS).reduce((text, [name, render]) => writeSection(text, name, render()), readme);
