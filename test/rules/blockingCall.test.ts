import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { Project, ts } from 'ts-morph';
import { analyzeFile, analyzePaths, applyFixesToFiles, loadProjects, withDefaults } from '../../src/core';
import type { BlockingWorkFacts } from '../../src/core/explanationFacts';
import { renderCardText } from '../../src/explain/renderCard';
import { describeBlockingRuleFixtures, findingsAfterEdits, findingsOf, type Edit } from '../support/blockingFixtures';

const RULE = 'blocking-call';

describeBlockingRuleFixtures(RULE, 'positive/read-file-sync-in-async-function.ts');

describe('blocking-call messages, related locations and card facts', () => {
  it('names the call, the entry it blocks and the asynchronous API to use', () => {
    const [finding] = findingsOf(RULE, 'positive/read-file-sync-in-async-function.ts');
    assert.equal(
      finding.message,
      '`fs.readFileSync` blocks the event loop in `readConfig()`: nothing else runs until it returns. Use `fs.promises.readFile` with await instead.',
    );
    const facts = finding.explanation as BlockingWorkFacts;
    assert.deepEqual(
      [facts.kind, facts.bound, facts.alternative, facts.heavy],
      ['blocking-call', 'io', 'fs.promises.readFile', "fs.readFileSync(file, 'utf8')"],
    );
  });

  it('tells CPU-bound calls from I/O-bound ones', () => {
    const bound = (relative: string): string => (findingsOf(RULE, relative)[0].explanation as BlockingWorkFacts).bound;
    assert.deepEqual(['positive/pbkdf2-sync.ts', 'positive/gzip-sync.ts', 'positive/exec-sync-in-route.ts', 'positive/atomics-wait.ts'].map(bound), [
      'cpu',
      'cpu',
      'io',
      'io',
    ]);
  });

  it('reports a call reached through a helper at the entry’s call, pointing at the blocking call', () => {
    const [finding] = findingsOf(RULE, 'positive/through-a-helper/server.ts');
    assert.equal(
      finding.message,
      "`renderPage(req.params.page)` reaches `fs.readFileSync`, which blocks the event loop in `app.get('/pages/:page', …)`: nothing else runs until it returns.",
    );
    assert.deepEqual(
      finding.related.map((r) => [path.basename(r.file), r.range.start.line + 1, r.message]),
      [['pages.ts', 4, "fs.readFileSync('layout.html', 'utf8') blocks the event loop here"]],
    );
    assert.deepEqual(finding.fixes, [], 'the helper is synchronous: switching it to await is the user’s change to make');
  });

  it('recognises a blocking API through its declaration, whatever it is called here', () => {
    const [finding] = findingsOf(RULE, 'positive/re-exported/handler.ts');
    assert.equal(finding.data.callee, 'load');
    assert.equal((finding.explanation as BlockingWorkFacts).alternative, 'fs.promises.readFile');
  });

  it('recognises the functions listed in blockingCall.extraFunctions, and only those', () => {
    assert.equal(findingsOf(RULE, 'positive/extra-functions-setting.ts').length, 1);
    assert.deepEqual(findingsAfterEdits(RULE, 'positive/extra-functions-setting.ts', [{ from: '["db.querySync"]', to: '[]' }]), []);
  });

  it('offers the promise API only inside an async function, and only with the same result', () => {
    const offered = (relative: string): string[] =>
      findingsOf(RULE, relative).flatMap((f) => f.fixes.map((fix) => `${fix.title}${fix.isPreferred ? ' (preferred)' : ''}`));
    assert.deepEqual(offered('positive/pbkdf2-sync.ts'), ['Use promisify(crypto.pbkdf2) with await (preferred)']);
    assert.deepEqual(offered('positive/exec-sync-in-route.ts'), [], 'execSync and exec return different things');
    assert.deepEqual(offered('positive/in-a-listener.ts'), [], 'stat has no throwIfNoEntry, and the listener is not async');
    assert.deepEqual(offered('positive/atomics-wait.ts'), []);
  });

  it('reports a call that reaches several blocking calls once, listing each of them', () => {
    const findings = findingsOf(RULE, 'positive/one-report-per-call/server.ts');
    assert.equal(findings.length, 1);
    assert.equal(
      findings[0].message,
      "`recipeCard(ctx.params.name)` reaches `fs.existsSync` and 2 more blocking calls, which block the event loop in `router.get('/recipes/:name', …)`: nothing else runs until they return.",
    );
    assert.deepEqual(
      findings[0].related.map((r) => [path.basename(r.file), r.range.start.line + 1, r.message]),
      [
        ['recipes.ts', 4, 'fs.existsSync(`recipes/${name}.md`) blocks the event loop here'],
        ['recipes.ts', 5, 'fs.statSync(`recipes/${name}.md`) blocks the event loop here'],
        ['recipes.ts', 6, "fs.readFileSync(`recipes/${name}.md`, 'utf8') blocks the event loop here"],
      ],
    );
  });

  it('reports a result kept for good as a hint, in the experimental tier, with no fix', () => {
    const findings = findingsAfterEdits(RULE, 'experimental/loaded-once.ts', [], { experimental: true });
    assert.deepEqual(
      findings.map((f) => [f.severity, f.experimental, f.fixes.length, f.message]),
      [
        ['hint', true, 0, '`fs.readFileSync` blocks the event loop in `render()` the first time it runs; its result is kept, so later runs do not wait.'],
        [
          'hint',
          true,
          0,
          '`getTemplate()` reaches `fs.readFileSync`, which blocks the event loop in `render()` the first time it runs; its result is kept, so later runs do not wait.',
        ],
      ],
    );
  });

  it('keeps uncertain calls in the experimental tier', () => {
    assert.deepEqual(findingsAfterEdits(RULE, 'experimental/unknown-receiver.js', []), []);
    assert.deepEqual(
      findingsAfterEdits(RULE, 'experimental/unknown-receiver.js', [], { experimental: true }).map((f) => f.data.callee),
      ['storage.copyFileSync'],
    );
  });
});

describe('blocking-call: each exemption is what keeps its negative case quiet', () => {
  const twins: Array<{ name: string; fixture: string; edits: Edit[]; findings: number }> = [
    {
      name: 'startup code',
      fixture: 'negative/startup-config.ts',
      edits: [{ from: 'void main();', to: 'export const restart = (): Promise<void> => main();' }],
      findings: 1,
    },
    {
      name: 'a worker module',
      fixture: 'negative/worker-module.ts',
      edits: [
        {
          from: "import { parentPort } from 'node:worker_threads';",
          to: "import { EventEmitter } from 'node:events';\nconst parentPort = new EventEmitter();",
        },
      ],
      findings: 2,
    },
    { name: 'the `exit` event', fixture: 'negative/exit-listener.ts', edits: [{ from: "'exit'", to: "'message'" }], findings: 1 },
    {
      name: 'a value loaded once',
      fixture: 'experimental/loaded-once.ts',
      edits: [
        { from: 'if (!template) template =', to: 'template =' },
        { from: 'icons ??=', to: 'icons =' },
      ],
      findings: 2,
    },
    {
      name: 'a value loaded once, after `if (x) return x`',
      fixture: 'experimental/manifest-memoised.ts',
      edits: [{ from: 'if (manifest) return manifest;', to: '' }],
      findings: 1,
    },
    {
      name: 'startup-only helpers',
      fixture: 'negative/startup-helpers.ts',
      edits: [{ from: 'bootstrap().catch(', to: 'export const restart = (): Promise<void> => bootstrap().catch(' }],
      findings: 2,
    },
    {
      name: 'the `listen` and `listening` callbacks',
      fixture: 'negative/listen-callback.ts',
      edits: [
        { from: 'app.listen(3000, async', to: "app.get('/', async" },
        { from: "'listening'", to: "'request'" },
      ],
      findings: 3,
    },
    { name: 'the shutdown signals', fixture: 'negative/shutdown-signals.ts', edits: [{ from: "'SIGTERM'", to: "'message'" }], findings: 1 },
    {
      name: 'an application class’s start()',
      fixture: 'experimental/application-start.ts',
      edits: [{ from: 'class KitchenApplication', to: 'class KitchenMenu' }],
      findings: 2,
    },
    {
      name: 'a command module that only the CLI loads',
      fixture: 'experimental/commands/migrate.ts',
      edits: [
        {
          from: 'export default main;',
          to: "export default main;\nimport express from 'express';\nexpress().post('/migrate', async (_req, res) => {\n  res.send(await migrate('.'));\n});",
        },
      ],
      findings: 1,
    },
    {
      name: 'the lifecycle hook',
      fixture: 'negative/nest-lifecycle-hooks.ts',
      edits: [{ from: 'async onModuleInit()', to: 'async refreshMenu()' }],
      findings: 2,
    },
    {
      name: 'a migration class',
      fixture: 'negative/typeorm-migration-class.ts',
      edits: [{ from: 'AddMenuTables1700000000000 implements MigrationInterface', to: 'MenuTables' }],
      findings: 2,
    },
    {
      name: 'the `#!` line',
      fixture: 'negative/cli-shebang.ts',
      edits: [
        { from: '#!/usr/bin/env node\n', to: '' },
        { from: 'void bumpVersion();', to: '' },
      ],
      findings: 3,
    },
    { name: 'a CLI library', fixture: 'negative/cli-commands.ts', edits: [{ from: "from 'commander'", to: "from './commands'" }], findings: 2 },
    {
      name: 'a function of its own',
      fixture: 'negative/own-function-named-sync.ts',
      edits: [
        {
          from: "const files = new Map<string, string>();\n\nfunction readFileSync(name: string): string {\n  return files.get(name) ?? '';\n}",
          to: "import { readFileSync } from 'node:fs';",
        },
      ],
      findings: 1,
    },
    {
      name: 'the worker branch of `isMainThread`',
      fixture: 'negative/main-thread-check.ts',
      edits: [{ from: 'if (isMainThread) {', to: 'if (!isMainThread) {' }],
      findings: 1,
    },
    {
      name: 'a small buffer',
      fixture: 'negative/small-random-fill.ts',
      edits: [{ from: 'Buffer.alloc(16)', to: 'Buffer.alloc(4 * 1024 * 1024)' }],
      findings: 0,
    },
    {
      name: 'a large constant buffer',
      fixture: 'negative/small-random-fill.ts',
      edits: [{ from: 'Buffer.alloc(16)', to: 'Buffer.alloc(4194304)' }],
      findings: 1,
    },
    { name: 'a loaded flag', fixture: 'negative/plugins-loaded-flag.ts', edits: [{ from: 'if (this.loaded) {\n      return;\n    }', to: '' }], findings: 1 },
    {
      name: 'a slot and a flag filled once',
      fixture: 'negative/provider-filled-once.ts',
      edits: [
        { from: 'if (!this.cachedProvider) {', to: 'if (this.cachedProvider !== null) {' },
        { from: 'if (this.versionChecked) return;', to: '' },
      ],
      findings: 2,
    },
    {
      name: 'a memo per key and a module-level slot',
      fixture: 'negative/memo-per-key.ts',
      edits: [
        { from: "if (templates.has(name)) return templates.get(name) ?? '';", to: '' },
        { from: 'if (errorHtml === undefined) {', to: 'if (message.length > 0) {' },
      ],
      findings: 2,
    },
    {
      name: 'callers that are all tests',
      fixture: 'negative/reached-from-tests/poetry.ts',
      edits: [
        { from: '// Only the unit tests', to: 'export const warmUp = (): Promise<boolean> => isPoetryEnvironment(process.cwd());\n\n// Only the unit tests' },
      ],
      findings: 1,
    },
    {
      name: 'a VS Code extension’s activate and deactivate',
      fixture: 'negative/vscode-activate.ts',
      edits: [
        { from: 'export async function activate', to: 'export async function refresh' },
        { from: 'export async function deactivate', to: 'export async function flush' },
      ],
      findings: 3,
    },
  ];
  for (const twin of twins) {
    it(`${twin.findings === 0 ? 'even' : 'without'} ${twin.name}, the case has ${twin.findings} finding(s)`, () => {
      assert.deepEqual(findingsAfterEdits(RULE, twin.fixture, []), [], 'the case as written is quiet');
      assert.equal(findingsAfterEdits(RULE, twin.fixture, twin.edits).length, twin.findings);
    });
  }
});

describe('blocking-call: build tooling', () => {
  const TOOL_CONFIG = "import * as fs from 'node:fs';\nexport default async () => JSON.parse(fs.readFileSync('package.json', 'utf8')) as unknown;\n";

  function findingsIn(files: Record<string, string>, analysed: string): number {
    const project = new Project({ useInMemoryFileSystem: true, compilerOptions: { strict: true, configFilePath: '/kitchen/tsconfig.json' } });
    for (const [file, text] of Object.entries(files)) project.createSourceFile(file, text);
    return analyzeFile(project.getSourceFileOrThrow(analysed), withDefaults({})).findings.filter((f) => f.ruleId === RULE).length;
  }

  it('leaves a tool’s config at a package’s root alone, not a config module among the sources', () => {
    const files = { '/kitchen/package.json': '{}', '/kitchen/vite.config.ts': TOOL_CONFIG, '/kitchen/src/app.config.ts': TOOL_CONFIG };
    assert.equal(findingsIn(files, '/kitchen/vite.config.ts'), 0);
    assert.equal(findingsIn(files, '/kitchen/src/app.config.ts'), 1);
  });

  it('reads `scripts/` and `tools/` beside the sources, not inside them', () => {
    const files = { '/kitchen/tools/sync.ts': TOOL_CONFIG, '/kitchen/src/tools/sync.ts': TOOL_CONFIG };
    assert.equal(findingsIn(files, '/kitchen/tools/sync.ts'), 0);
    assert.equal(findingsIn(files, '/kitchen/src/tools/sync.ts'), 1);
  });
});

describe('blocking-call: a command-line package', () => {
  const CLI_MANIFEST = JSON.stringify({ name: 'tool', bin: { tool: 'lib/bin/cli.js' } });
  // The package's own command class, as a CLI that does not use commander writes it.
  const COMMAND_CLASS = [
    'export class Command {',
    '  private handler?: (options: Record<string, unknown>) => Promise<void>;',
    '  constructor(readonly name: string) {}',
    '  description(text: string): this {',
    '    return text ? this : this;',
    '  }',
    '  action(fn: (options: Record<string, unknown>) => Promise<void>): this {',
    '    this.handler = fn;',
    '    return this;',
    '  }',
    '}',
    '',
  ].join('\n');
  const DEPLOY_COMMAND = [
    "import * as fs from 'node:fs';",
    "import { Command } from '../command';",
    "import { deploy } from '../deploy';",
    "import { loadRules } from '../emulator/rules';",
    '',
    "export const command = new Command('deploy').description('Deploy the project').action(async (options) => {",
    "  const config = JSON.parse(fs.readFileSync('firebase.json', 'utf8')) as unknown;",
    '  await deploy(config, await loadRules(), options);',
    '});',
    '',
  ].join('\n');
  const DEPLOY = [
    "import * as fs from 'node:fs';",
    '',
    'export async function deploy(config: unknown, rules: string, options: Record<string, unknown>): Promise<void> {',
    "  fs.writeFileSync('.deploy.json', JSON.stringify({ config, rules, options }));",
    "  await upload().then(() => fs.rmSync('.deploy.json'));",
    '}',
    '',
    'async function upload(): Promise<void> {',
    "  fs.readFileSync('bundle.zip');",
    '}',
    '',
  ].join('\n');
  // A local emulator the same package starts: its routes, sockets and timers serve many requests.
  const EMULATOR = [
    "import * as fs from 'node:fs';",
    "import * as http from 'node:http';",
    "import express from 'express';",
    "import { EventEmitter } from 'node:events';",
    "import { loadRules } from './rules';",
    '',
    'const app = express();',
    "app.get('/rules', async (req: unknown, res: { send(body: unknown): void }) => {",
    '  res.send(await loadRules());',
    '});',
    "app.get('/status', handleStatus);",
    'http.createServer((req, res) => {',
    "  res.end(fs.readFileSync('index.html'));",
    '});',
    'const socket = new EventEmitter();',
    "socket.on('message', () => fs.statSync('queue'));",
    "setInterval(() => fs.readdirSync('exports'), 1000);",
    '',
    'async function handleStatus(req: unknown, res: { send(body: unknown): void }): Promise<void> {',
    "  res.send(fs.readFileSync('status.json', 'utf8'));",
    '}',
    '',
    'export async function startEmulator(): Promise<void> {',
    '  app.listen(9099);',
    '}',
    '',
    "app.post('/reset', (req: unknown, res: { send(body: unknown): void }) => {",
    "  void Promise.resolve().then(() => res.send(fs.readFileSync('seed.json')));",
    '});',
    '',
  ].join('\n');
  const RULES = [
    "import * as fs from 'node:fs';",
    '',
    'export async function loadRules(): Promise<string> {',
    "  return fs.readFileSync('firestore.rules', 'utf8');",
    '}',
    '',
  ].join('\n');
  const EMULATORS_COMMAND = [
    "import { Command } from '../command';",
    "import { startEmulator } from '../emulator/server';",
    '',
    "export const command = new Command('emulators:start').action(async () => {",
    '  await startEmulator();',
    '});',
    '',
  ].join('\n');

  function cliPackage(manifest: string): Record<string, string> {
    return {
      '/tool/package.json': manifest,
      '/tool/src/command.ts': COMMAND_CLASS,
      '/tool/src/commands/deploy.ts': DEPLOY_COMMAND,
      '/tool/src/commands/emulators.ts': EMULATORS_COMMAND,
      '/tool/src/deploy.ts': DEPLOY,
      '/tool/src/emulator/server.ts': EMULATOR,
      '/tool/src/emulator/rules.ts': RULES,
    };
  }

  /** Every blocking-call finding of the package's files, as `file:line callee` from `src/`. */
  /** With `experimental`, the experimental tier's findings too, each marked so. */
  function findingsIn(files: Record<string, string>, configFilePath = '/tool/tsconfig.json', experimental = false): string[] {
    const project = new Project({ useInMemoryFileSystem: true, compilerOptions: { strict: true, configFilePath } });
    for (const [file, text] of Object.entries(files)) {
      if (file.endsWith('.ts')) project.createSourceFile(file, text);
      else project.getFileSystem().writeFileSync(file, text);
    }
    return project
      .getSourceFiles()
      .flatMap((sourceFile) => analyzeFile(sourceFile, withDefaults({ experimental })).findings)
      .filter((f) => f.ruleId === RULE)
      .map((f) => `${path.relative('/tool/src', f.file)}:${f.range.start.line + 1} ${f.data.callee}${f.experimental ? ' (experimental)' : ''}`);
  }

  const SERVING = [
    'emulator/rules.ts:4 fs.readFileSync',
    'emulator/server.ts:13 fs.readFileSync',
    'emulator/server.ts:16 fs.statSync',
    'emulator/server.ts:17 fs.readdirSync',
    'emulator/server.ts:20 fs.readFileSync',
    'emulator/server.ts:28 fs.readFileSync',
  ].sort();
  const COMMANDS = ['commands/deploy.ts:7 fs.readFileSync', 'deploy.ts:4 fs.writeFileSync', 'deploy.ts:5 fs.rmSync', 'deploy.ts:9 fs.readFileSync'];

  it('leaves what only its commands reach alone, and keeps its servers’ routes, sockets and timers', () => {
    assert.deepEqual(findingsIn(cliPackage(CLI_MANIFEST)).sort(), SERVING);
  });

  it('reports what only its commands reach in the experimental tier', () => {
    const commandsOnly = ['deploy.ts:4 fs.writeFileSync (experimental)', 'deploy.ts:5 fs.rmSync (experimental)', 'deploy.ts:9 fs.readFileSync (experimental)'];
    assert.deepEqual(findingsIn(cliPackage(CLI_MANIFEST), '/tool/tsconfig.json', true).sort(), [...SERVING, ...commandsOnly].sort());
  });

  it('reports in the experimental tier what it cannot read back to a request handler, a listener or a timer', () => {
    const files = cliPackage(CLI_MANIFEST);
    files['/tool/src/emulator/server.ts'] = `${EMULATOR}export const handlers = [loadRules];\n`;
    files['/tool/src/emulator/server.ts'] = files['/tool/src/emulator/server.ts'].replace('res.send(await loadRules());', "res.send('rules');");
    assert.ok(findingsIn(files, '/tool/tsconfig.json', true).includes('emulator/rules.ts:4 fs.readFileSync (experimental)'));
  });

  it('reports a cheap metadata call in the experimental tier unless a request or a message waits for it', () => {
    const files = cliPackage(CLI_MANIFEST);
    files['/tool/src/emulator/server.ts'] = EMULATOR.replace("fs.readdirSync('exports')", "fs.existsSync('export.lock')");
    const found = findingsIn(files, '/tool/tsconfig.json', true);
    assert.ok(found.includes('emulator/server.ts:16 fs.statSync'), 'a socket message waits for it');
    assert.ok(found.includes('emulator/server.ts:17 fs.existsSync (experimental)'), 'a timer: no request waits for it');
  });

  it('reports the commands too when the package declares no `bin`', () => {
    assert.deepEqual(findingsIn(cliPackage(JSON.stringify({ name: 'tool' }))).sort(), [...SERVING, ...COMMANDS].sort());
  });

  it('reads the nearest package.json above the project’s folder, and takes a broken one for no `bin`', () => {
    assert.deepEqual(findingsIn(cliPackage(CLI_MANIFEST), '/tool/src/tsconfig.json').sort(), SERVING);
    assert.deepEqual(findingsIn(cliPackage('{ "bin": ')).sort(), [...SERVING, ...COMMANDS].sort());
  });

  it('leaves an async helper alone once no route reaches it, only a command', () => {
    const files = cliPackage(CLI_MANIFEST);
    files['/tool/src/emulator/server.ts'] = EMULATOR.replace('res.send(await loadRules());', "res.send('rules');");
    assert.deepEqual(
      findingsIn(files).sort(),
      SERVING.filter((finding) => !finding.startsWith('emulator/rules.ts')),
    );
  });
});

describe('blocking-call card', () => {
  it('shows the replacement the quick fix makes, and says which kind of work it is', () => {
    const english = renderCardText(findingsOf(RULE, 'positive/pbkdf2-sync.ts')[0], 'en');
    assert.match(english, /^This call blocks the event loop\n/);
    assert.match(english, /This one is CPU-bound\./);
    assert.match(english, /Node runs it on its own thread pool, so another cook does the work/);
    assert.match(english, / {4}await promisify\(crypto\.pbkdf2\)\(password, salt, 310_000, 32, 'sha256'\)/);
    const io = renderCardText(findingsOf(RULE, 'positive/read-file-sync-in-async-function.ts')[0], 'ja');
    assert.match(io, /オーブンの扉の前でじっと見つめています/);
    assert.match(io, /これは I\/Oバウンドです。/);
  });
});

describe('examples/server', function () {
  // Loads the example's own project the way the CLI does: seconds on a busy machine.
  this.timeout(180_000);
  const serverDir = path.join(__dirname, '..', '..', 'examples', 'server');

  it('has the findings it was written for, and no others', () => {
    const { findings, problems } = analyzePaths([serverDir], withDefaults({}));
    assert.deepEqual(problems, []);
    assert.deepEqual(
      findings.map((f) => [f.ruleId, path.relative(serverDir, f.file), f.range.start.line + 1, f.data.callee ?? f.data.call ?? f.data.state]),
      [
        ['blocking-call', 'src/login.ts', 8, 'crypto.pbkdf2Sync'],
        ['blocking-call', 'src/pages.ts', 8, 'readFileSync'],
        ['blocking-loop', 'src/recommendations.ts', 17, 'similarPairs(products)'],
        ['race-lost-update', 'src/sales.ts', 8, 'takings.revenue'],
        ['blocking-loop', 'src/server.ts', 29, 'refreshSearchIndex'],
      ],
    );
  });

  it('type-checks with its own tsconfig after every fix it offers, the worker module included', () => {
    const { projects } = loadProjects([serverDir]);
    const [{ project, files }] = projects;
    const fixes = files.flatMap((file) => analyzeFile(file, withDefaults({})).findings.flatMap((f) => f.fixes));
    assert.deepEqual(fixes.map((fix) => fix.title).sort(), [
      'Await priceOf(productId) before reading takings.revenue',
      'Move similarPairs to a worker thread',
      'Use fs.promises.readFile with await',
      'Use promisify(crypto.pbkdf2) with await',
    ]);
    const { files: fixed, created, applied } = applyFixesToFiles(fixes, (file) => project.getSourceFile(file)?.getFullText());
    assert.equal(applied.length, 4);
    assert.deepEqual(
      created.map((file) => path.relative(serverDir, file)),
      ['src/similarPairs.worker.ts'],
    );
    for (const [file, text] of fixed) project.createSourceFile(file, text, { overwrite: true });
    assert.match(
      fixed.get(path.join(serverDir, 'src', 'recommendations.ts')) ?? '',
      /^import \{ similarPairsInWorker \} from '\.\/similarPairs\.worker\.js';$/m,
    );
    assert.match(fixed.get(path.join(serverDir, 'src', 'similarPairs.worker.ts')) ?? '', /new Worker\(new URL\(import\.meta\.url\), \{ workerData: args \}\)/);
    const errors = project
      .getPreEmitDiagnostics()
      .filter((d) => d.getCategory() === ts.DiagnosticCategory.Error)
      .map((d) => `${path.basename(d.getSourceFile()?.getFilePath() ?? '')}: ${JSON.stringify(d.getMessageText())}`);
    assert.deepEqual(errors, []);
  });
});
