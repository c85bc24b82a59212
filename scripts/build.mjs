// Bundles the three entry points: the VS Code client, the language server and the CLI.
import * as path from 'node:path';
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');

/** Our imports of ts-morph go through scripts/tsMorphBindings.mjs (it says why); its own import goes to the package. */
const tsMorphBindings = {
  name: 'ts-morph-bindings',
  setup(build) {
    build.onResolve({ filter: /^ts-morph$/ }, (args) =>
      args.importer.endsWith('tsMorphBindings.mjs') || !args.importer.includes(`${path.sep}src${path.sep}`)
        ? undefined
        : { path: path.join(import.meta.dirname, 'tsMorphBindings.mjs') },
    );
  },
};
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  alias: { typescript: './scripts/typescriptFromTsMorph.cjs' },
  plugins: [tsMorphBindings],
};

const builds = [
  { entryPoints: { client: 'src/client/extension.ts' }, external: ['vscode'] },
  { entryPoints: { server: 'src/server/server.ts' } },
  { entryPoints: { cli: 'src/cli/main.ts' }, banner: { js: '#!/usr/bin/env node' } },
];

for (const options of builds) {
  const context = await esbuild.context({ ...common, ...options, outdir: 'dist' });
  if (watch) await context.watch();
  else {
    await context.rebuild();
    await context.dispose();
  }
}
