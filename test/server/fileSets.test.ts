// The language server picks a file's project as tsc would: under a solution-style
// tsconfig.json (`"files": []` plus `references`, as Vite makes), the referenced project
// that includes the file, with its own options.
import * as assert from 'node:assert/strict';
import { serverOnWorkspace } from './lspSession';

const OPTIONS = { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2022'], types: [], strict: true, composite: true };
const PROFILE =
  "import { fetchOrders, fetchUser } from '@api/users';\n\nexport async function loadProfile(id: string) {\n  const user = await fetchUser(id);\n  const orders = await fetchOrders(id);\n  return { user, orders };\n}\n";

describe('language server file sets', function () {
  this.timeout(60_000);
  const server = serverOnWorkspace({
    'tsconfig.json': JSON.stringify({ files: [], references: [{ path: './tsconfig.app.json' }, { path: './tsconfig.node.json' }] }),
    'tsconfig.app.json': JSON.stringify({ compilerOptions: { ...OPTIONS, paths: { '@api/*': ['./src/api/*'] } }, include: ['src'] }),
    'tsconfig.node.json': JSON.stringify({ compilerOptions: OPTIONS, include: ['vite.config.ts'] }),
    'src/api/users.ts':
      'export declare function fetchUser(id: string): Promise<{ id: string }>;\nexport declare function fetchOrders(id: string): Promise<string[]>;\n',
    'src/profile.ts': PROFILE,
  });

  it('analyses a file of a solution-style workspace with the options of the project that includes it', async () => {
    // Only tsconfig.app.json's `paths` resolve `@api/users`; without them the callees' types are unknown.
    const uri = server.session.uri(server.workspace.file('src/profile.ts'));
    await server.session.open(uri, PROFILE);
    const { diagnostics } = await server.session.diagnostics(uri);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character]),
      [['sequential-await', 4, 17]],
    );
    assert.ok(
      server.session.logs.some((line) => line.startsWith(`Loaded ${server.workspace.file('tsconfig.app.json')}`)),
      server.session.logs.join('\n'),
    );
  });
});
