import * as assert from 'node:assert/strict';
import * as path from 'node:path';
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
    assert.deepEqual([facts.kind, facts.bound, facts.alternative, facts.heavy], ['blocking-call', 'io', 'fs.promises.readFile', "fs.readFileSync(file, 'utf8')"]);
  });

  it('tells CPU-bound calls from I/O-bound ones', () => {
    const bound = (relative: string): string => (findingsOf(RULE, relative)[0].explanation as BlockingWorkFacts).bound;
    assert.deepEqual(
      ['positive/pbkdf2-sync.ts', 'positive/gzip-sync.ts', 'positive/exec-sync-in-route.ts', 'positive/atomics-wait.ts'].map(bound),
      ['cpu', 'cpu', 'io', 'io'],
    );
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
    const offered = (relative: string): string[] => findingsOf(RULE, relative).flatMap((f) => f.fixes.map((fix) => `${fix.title}${fix.isPreferred ? ' (preferred)' : ''}`));
    assert.deepEqual(offered('positive/pbkdf2-sync.ts'), ['Use promisify(crypto.pbkdf2) with await (preferred)']);
    assert.deepEqual(offered('positive/exec-sync-in-route.ts'), [], 'execSync and exec return different things');
    assert.deepEqual(offered('positive/in-a-listener.ts'), [], 'stat has no throwIfNoEntry, and the listener is not async');
    assert.deepEqual(offered('positive/atomics-wait.ts'), []);
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
    { name: 'startup code', fixture: 'negative/startup-config.ts', edits: [{ from: 'async function main()', to: 'export async function main()' }], findings: 1 },
    { name: 'a worker module', fixture: 'negative/worker-module.ts', edits: [{ from: "import { parentPort } from 'node:worker_threads';", to: "import { EventEmitter } from 'node:events';\nconst parentPort = new EventEmitter();" }], findings: 2 },
    { name: 'the `exit` event', fixture: 'negative/exit-listener.ts', edits: [{ from: "'exit'", to: "'beforeExit'" }], findings: 1 },
    { name: 'a value loaded once', fixture: 'negative/loaded-once.ts', edits: [{ from: 'if (!template) template =', to: 'template =' }, { from: 'icons ??=', to: 'icons =' }], findings: 2 },
    { name: 'a function of its own', fixture: 'negative/own-function-named-sync.ts', edits: [{ from: 'const files = new Map<string, string>();\n\nfunction readFileSync(name: string): string {\n  return files.get(name) ?? \'\';\n}', to: "import { readFileSync } from 'node:fs';" }], findings: 1 },
    { name: 'the worker branch of `isMainThread`', fixture: 'negative/main-thread-check.ts', edits: [{ from: 'if (isMainThread) {', to: 'if (!isMainThread) {' }], findings: 1 },
    { name: 'a small buffer', fixture: 'negative/small-random-fill.ts', edits: [{ from: 'Buffer.alloc(16)', to: 'Buffer.alloc(4 * 1024 * 1024)' }], findings: 0 },
    { name: 'a large constant buffer', fixture: 'negative/small-random-fill.ts', edits: [{ from: 'Buffer.alloc(16)', to: 'Buffer.alloc(4194304)' }], findings: 1 },
  ];
  for (const twin of twins) {
    it(`${twin.findings === 0 ? 'even' : 'without'} ${twin.name}, the case has ${twin.findings} finding(s)`, () => {
      assert.deepEqual(findingsAfterEdits(RULE, twin.fixture, []), [], 'the case as written is quiet');
      assert.equal(findingsAfterEdits(RULE, twin.fixture, twin.edits).length, twin.findings);
    });
  }
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
      findings.map((f) => [f.ruleId, path.relative(serverDir, f.file), f.range.start.line + 1, f.data.callee ?? f.data.call]),
      [
        ['blocking-call', 'src/login.ts', 8, 'crypto.pbkdf2Sync'],
        ['blocking-call', 'src/pages.ts', 8, 'readFileSync'],
        ['blocking-loop', 'src/recommendations.ts', 17, 'similarPairs(products)'],
        ['blocking-loop', 'src/server.ts', 23, 'refreshSearchIndex'],
      ],
    );
  });

  it('type-checks with its own tsconfig after every fix it offers, the worker module included', () => {
    const { projects } = loadProjects([serverDir]);
    const [{ project, files }] = projects;
    const fixes = files.flatMap((file) => analyzeFile(file, withDefaults({})).findings.flatMap((f) => f.fixes));
    assert.deepEqual(fixes.map((fix) => fix.title).sort(), ['Move similarPairs to a worker thread', 'Use fs.promises.readFile with await', 'Use promisify(crypto.pbkdf2) with await']);
    const { files: fixed, created, applied } = applyFixesToFiles(fixes, (file) => project.getSourceFile(file)?.getFullText());
    assert.equal(applied.length, 3);
    assert.deepEqual(created.map((file) => path.relative(serverDir, file)), ['src/similarPairs.worker.ts']);
    for (const [file, text] of fixed) project.createSourceFile(file, text, { overwrite: true });
    assert.match(fixed.get(path.join(serverDir, 'src', 'recommendations.ts')) ?? '', /^import \{ similarPairsInWorker \} from '\.\/similarPairs\.worker\.js';$/m);
    assert.match(fixed.get(path.join(serverDir, 'src', 'similarPairs.worker.ts')) ?? '', /new Worker\(new URL\(import\.meta\.url\), \{ workerData: args \}\)/);
    const errors = project.getPreEmitDiagnostics().filter((d) => d.getCategory() === 1).map((d) => `${path.basename(d.getSourceFile()?.getFilePath() ?? '')}: ${JSON.stringify(d.getMessageText())}`);
    assert.deepEqual(errors, []);
  });
});
