/** `npm run docs`: rewrites the README sections generated from the catalogs (see readme-sections.ts). */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderReadme } from './readme-sections.js';

const path = join(dirname(fileURLToPath(import.meta.url)), '..', 'README.md');
const before = readFileSync(path, 'utf8');
const after = renderReadme(before);
if (after === before) {
  process.stdout.write('README.md is up to date\n');
} else {
  writeFileSync(path, after);
  process.stdout.write('README.md rewritten from the catalogs\n');
}
