// Bundles the three entry points: the VS Code client, the language server and the CLI.
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  alias: { typescript: './scripts/typescriptFromTsMorph.cjs' },
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
