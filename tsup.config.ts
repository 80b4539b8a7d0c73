import { defineConfig } from 'tsup';

const shared = {
  target: 'node20',
  platform: 'node',
  sourcemap: false,
  shims: true,
  external: ['vitest', '@forge/api', '@forge/events', '@forge/kvs', '@forge/resolver'],
} as const;

export default defineConfig([
  // The library: ESM and CommonJS, with types.
  {
    ...shared,
    entry: { index: 'src/index.ts', models: 'models/index.ts', vitest: 'src/vitest.ts' },
    format: ['esm', 'cjs'],
    splitting: true,
    dts: true,
    // The two builds run at once: this clean must spare the other's files.
    clean: ['!cli.js', '!cli-main.js', '!cli-worker.js'],
  },
  // The bin, the harness it loads once its --workers processes are started, and their entry: ESM only
  // (tinypool is ESM), beside each other in dist/ because the CLI finds ./cli-main.js and ./cli-worker.js
  // next to its own module. Unsplit, so that
  // they are two whole files the library build's clean can leave alone.
  {
    ...shared,
    entry: { cli: 'src/cli/main.ts', 'cli-main': 'src/cli/cli-main.ts', 'cli-worker': 'src/cli/cli-worker.ts' },
    format: ['esm'],
    splitting: false,
    dts: false,
    clean: false,
    // Libraries the harness alone uses go into these files: a --workers process then loads 370 ms of
    // modules instead of 700 (bench section 6). fast-check and undici stay external: a handler or a
    // config may hand the harness their objects (arbitraries, dispatchers), and the network seal patches
    // the undici that the package resolves. The banner gives the bundled CommonJS its `require`.
    noExternal: ['yaml', 'ts-pattern', 'valibot', '@sinonjs/fake-timers'],
    banner: { js: "import { createRequire as __frhCreateRequire } from 'node:module'; const require = __frhCreateRequire(import.meta.url);" },
  },
]);
