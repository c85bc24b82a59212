// File sets as tsc sees them: a folder means the files its tsconfig programs include, so
// build output and excluded folders are never reported or fixed, and a solution-style
// tsconfig.json (`"files": []` plus `references`, as Vite makes) is followed to the
// projects it references, each analysed with its own options.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Finding } from '../../src/core';
import { freshWorkspaces, runCli } from './cliHarness';
import { PROFILE_TS } from './sampleWorkspace';

/** The same two awaits as PROFILE_TS, as compiled JavaScript in the build output. */
const BUILT_JS = `export async function loadProfile(id) {
  const user = await fetchUser(id);
  const orders = await fetchOrders(id);
  return { user, orders };
}
async function fetchUser(id) { return { id }; }
async function fetchOrders(id) { return [id]; }
`;

const OPTIONS = { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2022'], types: [], strict: true };

const filesOf = (stdout: string): string[] => (JSON.parse(stdout) as { findings: Finding[] }).findings.map((f) => f.file);

describe('kitchen-sync file sets', function () {
  // Each test runs the CLI, which loads the TypeScript compiler: seconds on a busy machine.
  this.timeout(120_000);
  const fresh = freshWorkspaces();

  it('leaves out build output and excluded folders under a folder argument, and --fix never touches them', () => {
    const root = fresh({
      'tsconfig.json': JSON.stringify({ compilerOptions: { ...OPTIONS, outDir: 'dist' }, include: ['src', 'scripts'], exclude: ['scripts/vendor'] }),
      'src/profile.ts': PROFILE_TS,
      'dist/profile.js': BUILT_JS,
      'scripts/vendor/profile.ts': PROFILE_TS,
    });
    const run = runCli(['-f', 'json', '.'], root);
    assert.deepEqual(filesOf(run.stdout), [path.join(root, 'src/profile.ts')]);
    assert.equal((JSON.parse(run.stdout) as { summary: { filesAnalysed: number } }).summary.filesAnalysed, 1);
    runCli(['--fix', '.'], root);
    assert.equal(fs.readFileSync(path.join(root, 'dist/profile.js'), 'utf8'), BUILT_JS);
    assert.equal(fs.readFileSync(path.join(root, 'scripts/vendor/profile.ts'), 'utf8'), PROFILE_TS);
    assert.notEqual(fs.readFileSync(path.join(root, 'src/profile.ts'), 'utf8'), PROFILE_TS, 'the source itself is fixed');
  });

  it('analyses a file named on its own even when its tsconfig leaves it out, as tsc would', () => {
    const root = fresh({
      'tsconfig.json': JSON.stringify({ compilerOptions: OPTIONS, include: ['src'] }),
      'src/app.ts': 'export const one = 1;\n',
      'scripts/profile.ts': PROFILE_TS,
    });
    assert.deepEqual(filesOf(runCli(['-f', 'json', 'scripts/profile.ts'], root).stdout), [path.join(root, 'scripts/profile.ts')]);
  });

  it('says how many files no tsconfig.json project holds, when others have one', () => {
    const root = fresh({
      'app/tsconfig.json': JSON.stringify({ compilerOptions: OPTIONS, include: ['src'] }),
      'app/src/profile.ts': PROFILE_TS,
      'tools/profile.ts': PROFILE_TS,
    });
    const text = runCli(['.'], root);
    assert.ok(
      text.stdout.endsWith(
        '2 findings (2 warnings) in 2 files.\n2 of them can be fixed with --fix.\n1 file in no tsconfig.json project, analysed with default options.\n',
      ),
      text.stdout,
    );
    assert.equal((JSON.parse(runCli(['-f', 'json', '.'], root).stdout) as { summary: { filesWithDefaultOptions: number } }).summary.filesWithDefaultOptions, 1);
  });

  it("follows a solution-style tsconfig.json to the project that includes each file, with that project's options", () => {
    // Only tsconfig.app.json's `paths` resolve `@api/users`: without them the callee's type is
    // unknown, and the finding would be experimental at most.
    const root = fresh({
      'tsconfig.json': JSON.stringify({ files: [], references: [{ path: './tsconfig.app.json' }, { path: './tsconfig.node.json' }] }),
      'tsconfig.app.json': JSON.stringify({ compilerOptions: { ...OPTIONS, composite: true, paths: { '@api/*': ['./src/api/*'] } }, include: ['src'] }),
      'tsconfig.node.json': JSON.stringify({ compilerOptions: { ...OPTIONS, composite: true }, include: ['vite.config.ts'] }),
      'src/api/users.ts':
        'export declare function fetchUser(id: string): Promise<{ id: string }>;\nexport declare function fetchOrders(id: string): Promise<string[]>;\n',
      'src/profile.ts':
        "import { fetchOrders, fetchUser } from '@api/users';\n\nexport async function loadProfile(id: string) {\n  const user = await fetchUser(id);\n  const orders = await fetchOrders(id);\n  return { user, orders };\n}\n",
      'vite.config.ts': 'export default {};\n',
    });
    const run = runCli(['-f', 'json'], root);
    assert.equal(run.stderr, '');
    assert.deepEqual(filesOf(run.stdout), [path.join(root, 'src/profile.ts')]);
    assert.equal(run.status, 1);
  });
});
