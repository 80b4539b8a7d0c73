import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    models: 'models/index.ts',
    vitest: 'src/vitest.ts',
    cli: 'src/cli/main.ts',
  },
  format: ['esm', 'cjs'],
  dts: { entry: { index: 'src/index.ts', models: 'models/index.ts', vitest: 'src/vitest.ts' } },
  target: 'node20',
  platform: 'node',
  clean: true,
  sourcemap: false,
  splitting: true,
  shims: true,
  external: ['vitest', '@forge/api', '@forge/events', '@forge/kvs', '@forge/resolver'],
});
