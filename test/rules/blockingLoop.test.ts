import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { transformSync } from 'esbuild';
import type { BlockingWorkFacts } from '../../src/core/explanationFacts';
import { renderCardText } from '../../src/explain/renderCard';
import {
  applyFix,
  describeBlockingRuleFixtures,
  findingsAfterEdits,
  findingsOf,
  fixTitled,
  fixturePath,
  newTypeErrorsAcross,
  type Edit,
} from '../support/blockingFixtures';
import { analyzeFile, withDefaults } from '../../src/core';
import { analyzeFixture } from '../support/fixtures';

const RULE = 'blocking-loop';

describeBlockingRuleFixtures(RULE, 'positive/nested-loop-in-async-function.ts');

describe('blocking-loop messages, related locations and card facts', () => {
  it('states the estimate in the names of the code, with where the data comes from', () => {
    const [finding] = findingsOf(RULE, 'positive/nested-loop-in-async-function.ts');
    assert.equal(
      finding.message,
      'This loop runs about n^2 steps (n = pts.length) on the event loop in `closestPair()`; no other request, timer or event is handled until it ends.',
    );
    const facts = finding.explanation as BlockingWorkFacts;
    assert.deepEqual(
      { kind: facts.kind, entry: facts.entry, heavy: facts.heavy, chain: facts.chain, estimate: facts.estimate, bound: facts.bound },
      {
        kind: 'loop',
        entry: 'closestPair()',
        heavy: 'for (const a of pts)',
        chain: [],
        estimate: { steps: 'n^2', variables: [{ symbol: 'n', expression: 'pts.length', origin: 'loadPoints()' }] },
        bound: 'cpu',
      },
    );
  });

  it('renames a size read from a parameter into the caller’s names, across files', () => {
    const [finding] = findingsOf(RULE, 'positive/across-files/server.ts');
    assert.equal(
      finding.message,
      '`buildReport(sales, regions)` runs a loop of about n × m steps (n = regions.length, m = sales.length) on the event loop in `http.createServer(…)`, and `regions.length` comes from the request: a client chooses how long no other request, timer or event is handled.',
    );
    assert.deepEqual(
      finding.related.map((r) => [path.basename(r.file), r.range.start.line + 1, r.message]),
      [
        ['report.ts', 9, 'this loop runs about n × m steps (n = regions.length, m = sales.length)'],
        ['report.ts', 11, 'the inner loop, run in full on every pass of the loop around it'],
      ],
    );
    const facts = finding.explanation as BlockingWorkFacts;
    assert.deepEqual(facts.estimate?.variables, [
      { symbol: 'n', expression: 'regions.length', origin: "url.searchParams.getAll('region')", request: true },
      { symbol: 'm', expression: 'sales.length', origin: 'loadSales()' },
    ]);
  });

  it('counts a loop around a call to a function that loops over the same data as n^2', () => {
    const [finding] = findingsOf(RULE, 'positive/nest-across-a-call.ts');
    assert.equal((finding.explanation as BlockingWorkFacts).estimate?.steps, 'n^2');
    assert.deepEqual(
      finding.related.map((r) => [r.range.start.line + 1, r.message]),
      [
        [18, 'inside the loop, a call to nearest(p, pts)'],
        [9, 'the inner loop, run in full on every pass of the loop around it'],
      ],
    );
  });

  it('follows a chain of calls and shows every step of it', () => {
    const [finding] = findingsOf(RULE, 'positive/call-chain/jobs.ts');
    assert.deepEqual((finding.explanation as BlockingWorkFacts).chain, ['refreshIndex(await loadDocuments())', 'rebuild(docs)']);
    assert.deepEqual(
      finding.related.map((r) => [path.basename(r.file), r.range.start.line + 1, r.message]),
      [
        ['indexer.ts', 2, 'which calls rebuild(docs)'],
        ['indexer.ts', 8, 'this loop runs about n^2 steps (n = (await loadDocuments()).length)'],
        ['indexer.ts', 10, 'the inner loop, run in full on every pass of the loop around it'],
      ],
    );
  });

  it('estimates exponential recursion as 2^n in the argument the caller passes', () => {
    const [finding] = findingsOf(RULE, 'positive/exponential-recursion.ts');
    assert.equal(
      finding.message,
      "`fib(Number(req.query.n))` makes about 2^n calls (n = Number(req.query.n)): `fib` calls itself more than once per call and remembers nothing, and `Number(req.query.n)` comes from the request: a client chooses how long it holds the event loop in `router.get('/fib', …)`.",
    );
    assert.deepEqual(
      finding.related.map((r) => r.message),
      ['fib makes about 2^n calls (n = Number(req.query.n))', 'fib calls itself here', 'fib calls itself here'],
    );
  });

  it('says when a client sets a size, in the message and on the card', () => {
    const [finding] = findingsOf(RULE, 'positive/request-ids-against-stored-rows.ts');
    assert.equal(finding.messageId, 'loopFromRequest');
    assert.equal(
      finding.message,
      "This loop runs about n × m steps (n = req.query.ids.split(',').length, m = rows.length) on the event loop in `app.get('/rows', …)`, and `req.query.ids.split(',').length` comes from the request: a client chooses how long no other request, timer or event is handled.",
    );
    assert.deepEqual((finding.explanation as BlockingWorkFacts).estimate?.variables, [
      { symbol: 'n', expression: "req.query.ids.split(',').length", request: true },
      { symbol: 'm', expression: 'rows.length', origin: 'loadRows()' },
    ]);
    const english = renderCardText(finding, 'en');
    assert.match(english, /where n = req\.query\.ids\.split\(','\)\.length, which the client sends, m = rows\.length, from loadRows\(\)\./);
    assert.match(english, /A client chooses that size: one request can hold the event loop for as long as it likes\./);
    assert.match(renderCardText(finding, 'ja'), /クライアントが送ってくる値/);
    const origins = [
      'positive/koa-request-body.ts',
      'positive/search-params-against-posts.ts',
      'positive/websocket-message.ts',
      'positive/request-body-nest.ts',
      'positive/exponential-recursion.ts',
    ];
    for (const fixture of origins) {
      const [found] = findingsOf(RULE, fixture);
      assert.ok(
        (found.explanation as BlockingWorkFacts).estimate?.variables.some((v) => v.request),
        `${fixture}: the size a client sets`,
      );
    }
  });

  it('counts trial division up to √i as n·√n, not n²', () => {
    const findings = findingsOf(RULE, 'positive/trial-division-primes.ts');
    assert.deepEqual(
      findings.map((f) => (f.explanation as BlockingWorkFacts).estimate?.steps),
      ['89,599,104', '89,599,104'],
      '199,998 passes of about √200,000 = 448 steps each',
    );
  });

  it('names busy-waits, endless loops and the entry they block', () => {
    assert.deepEqual(
      findingsOf(RULE, 'positive/busy-wait-in-http-server.ts').map((f) => [f.messageId, f.data.condition, f.data.entry]),
      [['busyWait', 'Date.now() < end', 'http.createServer(…)']],
    );
    assert.deepEqual(
      findingsOf(RULE, 'positive/endless-loop-in-listener.ts').map((f) => [f.messageId, f.data.entry]),
      [['endlessLoop', "jobs.on('start', …)"]],
    );
    assert.deepEqual(
      findingsOf(RULE, 'positive/spin-on-flag.ts').map((f) => f.messageId),
      ['endlessLoop'],
    );
  });

  it('reports a heavy site once, at its first entry, and mentions the others', () => {
    const findings = findingsOf(RULE, 'positive/shared-helper.ts');
    assert.equal(findings.length, 1);
    assert.deepEqual(findings[0].related.at(-1), {
      file: fixturePath(RULE, 'positive/shared-helper.ts'),
      range: { start: { line: 13, character: 28 }, end: { line: 13, character: 53 } },
      message: "also reached from app.get('/top', …)",
      messageTemplate: { template: 'also reached from {entry}', data: { entry: "app.get('/top', …)" } },
    });
  });

  it('reports a call that reaches two heavy nests once, led by the heaviest, with both nests among the related locations', () => {
    const findings = findingsOf(RULE, 'positive/one-call-two-nests.ts');
    assert.equal(findings.length, 1);
    assert.equal(findings[0].data.call, 'summarize(await loadOrders())');
    assert.deepEqual(
      findings[0].related.map((r) => [r.range.start.line + 1, r.message]),
      [
        [11, 'this loop runs about n^2 steps (n = (await loadOrders()).length)'],
        [12, 'the inner loop, run in full on every pass of the loop around it'],
        [14, 'this loop runs about n^2 steps (n = (await loadOrders()).length)'],
        [14, 'the inner loop, run in full on every pass of the loop around it'],
      ],
    );
  });

  it('counts the loops of functions that call each other in a cycle once, not once per pass around it', () => {
    const [finding] = findingsOf(RULE, 'positive/mutual-recursion-nest.ts');
    assert.equal((finding.explanation as BlockingWorkFacts).estimate?.steps, 'n^2');
    const [nest] = findingsOf(RULE, 'positive/nest-inside-a-cycle.ts');
    assert.equal((nest.explanation as BlockingWorkFacts).estimate?.steps, 'n^2', 'a nest written in one function of the cycle stays a nest');
    assert.deepEqual(
      finding.related.map((r) => [r.range.start.line + 1, r.message]),
      [
        [23, 'inside the loop, a call to depthOf(node, nodes)'],
        [8, 'the inner loop, run in full on every pass of the loop around it'],
        [9, 'inside the loop, a call to parentDepth(other, nodes)'],
      ],
    );
  });

  it('reports a function registered by name at the name, in the file that registers it', () => {
    const [finding] = findingsOf(RULE, 'positive/registered-by-name/routes.ts');
    assert.equal(finding.data.call, 'scoreAll');
    assert.equal(finding.data.entry, "router.post('/score', …)");
    assert.deepEqual(findingsOf(RULE, 'positive/registered-by-name/handlers.ts'), []);
  });

  it('says that a search copies the collection on every pass, and suggests the collection’s own lookup', () => {
    const [tree, seen] = findingsOf(RULE, 'positive/copied-map-search.ts');
    assert.equal(
      tree.message,
      "`addToPathMap(map, await loadTree(), 'export')` copies all of `map` on every pass of a loop and scans the copy (`Array.from(map.values()).includes(filePath)`): about n^2 steps (n = map.size) on the event loop in `exportTree()`, where a lookup in a Map or Set takes one step.",
    );
    assert.equal(
      seen.message,
      '`[...seen].includes(id)` copies all of `seen` on every pass and scans the copy: about n^2 steps (n = seen.size) on the event loop in `seenTwice()`, where a lookup in a Map or Set takes one step.',
    );
    assert.deepEqual([tree.messageId, seen.messageId], ['copiedSearchViaCall', 'copiedSearch']);
    assert.match(
      renderCardText(seen, 'en'),
      /\[\.\.\.seen\]\.includes\(id\) copies the whole collection before every search\. Ask the collection itself \(has on a Map or Set\)/,
    );
    assert.match(renderCardText(seen, 'ja'), /探索のたびにコレクション全体をコピーしています/);
    assert.deepEqual(
      findingsAfterEdits(RULE, 'positive/copied-map-search.ts', [{ from: '    seen.add(id);\n', to: '' }]).length,
      1,
      'a copy of a Set nothing fills in the loop is searched once per pass of a list of its own',
    );
  });
});

describe('blocking-loop: each exemption is what keeps its negative case quiet', () => {
  const twins: Array<{ name: string; fixture: string; edits: Edit[]; findings: number }> = [
    {
      name: 'a module started by `new Worker`',
      fixture: 'negative/worker-module/crunch.ts',
      edits: [{ file: 'negative/worker-module/main.ts', from: "'crunch.js'", to: "'other.js'" }],
      findings: 1,
    },
    {
      name: 'the `!isMainThread` branch',
      fixture: 'negative/worker-thread-branch.ts',
      edits: [{ from: 'if (!isMainThread) {', to: 'if (isMainThread) {' }],
      findings: 1,
    },
    {
      name: 'startup code called only from the top level',
      fixture: 'negative/top-level-script.ts',
      edits: [{ from: 'async function main()', to: 'export async function main()' }],
      findings: 1,
    },
    {
      name: 'a loop that awaits every iteration',
      fixture: 'negative/await-every-iteration.ts',
      edits: [{ from: '    await save(a.length);\n', to: '' }],
      findings: 1,
    },
    {
      name: 'slices of ten',
      fixture: 'negative/small-bounded-loops.ts',
      edits: [
        { from: 'rows.slice(0, 10)) {', to: 'rows) {' },
        { from: 'rows.slice(0, 10)) if', to: 'rows) if' },
      ],
      findings: 1,
    },
    {
      name: 'a walk over rows and their own cells',
      fixture: 'negative/single-linear-loop.ts',
      edits: [{ from: 'of invoice.lines', to: 'of invoices' }],
      findings: 1,
    },
    {
      name: 'memoisation',
      fixture: 'negative/memoised-recursion.ts',
      edits: [{ from: '  const known = memo.get(n);\n  if (known !== undefined) return known;\n', to: '' }],
      findings: 1,
    },
    { name: 'a small constant argument', fixture: 'negative/linear-recursion.ts', edits: [{ from: 'fib(15)', to: 'fib(tree.value)' }], findings: 1 },
    { name: 'a break out of `while (true)`', fixture: 'negative/loops-with-exits.ts', edits: [{ from: '    if (!job) break;\n', to: '' }], findings: 1 },
    { name: 'an await in `while (true)`', fixture: 'negative/loops-with-exits.ts', edits: [{ from: 'await tick();', to: 'void tick();' }], findings: 1 },
    { name: 'the `exit` event', fixture: 'negative/exit-listener.ts', edits: [{ from: "'exit'", to: "'data'" }], findings: 1 },
    {
      name: 'a pause every 1,000 iterations',
      fixture: 'negative/yields-every-n-iterations.ts',
      edits: [{ from: 'await new Promise', to: 'void new Promise' }],
      findings: 1,
    },
    { name: 'minIterations', fixture: 'negative/higher-threshold-setting.ts', edits: [{ from: '1_000_000', to: '100_000_000' }], findings: 1 },
    {
      name: 'a list written in the code',
      fixture: 'negative/small-side-const-list.ts',
      edits: [{ from: 'DERIVED.map((d) => d.code).includes(s)', to: 'req.body.codes.includes(s)' }],
      findings: 1,
    },
    {
      name: 'an enum',
      fixture: 'negative/small-side-enum-and-constants.ts',
      edits: [{ from: 'Object.values(Weekday)', to: 'req.body.events.map((e) => e.day)' }],
      findings: 1,
    },
    {
      name: 'an `as const` tuple',
      fixture: 'negative/small-side-enum-and-constants.ts',
      edits: [{ from: 'of LEVELS)', to: 'of req.body.events.map((e) => e.level))' }],
      findings: 1,
    },
    {
      name: 'a small object literal',
      fixture: 'negative/small-side-enum-and-constants.ts',
      edits: [{ from: 'Object.keys(LIMITS)', to: 'req.body.events.map((e) => e.size)' }],
      findings: 1,
    },
    {
      name: 'a configuration list',
      fixture: 'negative/small-side-config-list/routes.ts',
      edits: [{ from: 'config.allowedOrigins.includes', to: 'req.body.origins.includes' }],
      findings: 1,
    },
    { name: 'a user’s roles', fixture: 'negative/small-side-user-roles.ts', edits: [{ from: 'user.roles.includes', to: 'user.groups.includes' }], findings: 1 },
    { name: 'the cap on the request', fixture: 'negative/small-side-capped.ts', edits: [{ from: 'parts.length > 5', to: 'parts.length === 0' }], findings: 1 },
    { name: 'a day variable moved toward today', fixture: 'negative/day-loops.ts', edits: [{ from: '    d = addDays(d, 1);\n', to: '' }], findings: 1 },
  ];
  for (const twin of twins) {
    it(`without ${twin.name}, the case is reported`, () => {
      assert.deepEqual(findingsAfterEdits(RULE, twin.fixture, []), [], 'the case as written is quiet');
      assert.equal(findingsAfterEdits(RULE, twin.fixture, twin.edits).length, twin.findings);
    });
  }
});

describe('blocking-loop: shapes whose work is linear or small stay quiet in both tiers', () => {
  const experimental = { experimental: true };
  const twins: Array<{ name: string; fixture: string; edits: Edit[] }> = [
    { name: 'the break on the first pass', fixture: 'negative/first-pass-exit.ts', edits: [{ from: '      break;\n', to: '' }] },
    {
      name: 'a collection still empty when walked',
      fixture: 'negative/empty-collection-walk.ts',
      edits: [{ from: 'for (const key of done)', to: 'for (const key of rows.map((r) => r.key))' }],
    },
    {
      name: 'the outer loop resuming where the inner one stopped',
      fixture: 'negative/index-resumed-by-outer-loop.ts',
      edits: [{ from: 'i += size', to: 'i++' }],
    },
    { name: 'the once-per-group guard', fixture: 'negative/once-per-key.ts', edits: [{ from: '    emitted.add(item.group);\n', to: '' }] },
    { name: 'the count that stops the scan', fixture: 'negative/capped-scans.ts', edits: [{ from: '      if (++count >= 10) break;\n', to: '' }] },
    { name: 'a single entity', fixture: 'negative/overloaded-single-entity.ts', edits: [{ from: 'mapToDto(owner)', to: 'mapToDto(all)' }] },
    {
      name: 'the call back that closes the cycle',
      fixture: 'negative/mutual-recursion-walk.ts',
      edits: [{ from: 'return containerOf(other, elements);', to: 'return other;' }],
    },
  ];
  for (const twin of twins) {
    it(`without ${twin.name}, the case is reported`, () => {
      assert.deepEqual(findingsAfterEdits(RULE, twin.fixture, [], experimental), [], 'the case as written is quiet, even in the experimental tier');
      assert.equal(findingsAfterEdits(RULE, twin.fixture, twin.edits, experimental).length, 1);
    });
  }

  it('leaves parts of each item and log calls out of the nest, in the experimental tier too', () => {
    for (const fixture of ['negative/parts-of-each-item.ts', 'negative/logging-in-loop.ts']) {
      assert.deepEqual(findingsAfterEdits(RULE, fixture, [], experimental), [], fixture);
    }
  });

  it('says nothing of two sizes neither of which is known to be large, or of loops whose bound cannot be read, in the experimental tier too', () => {
    const fixtures = [
      'negative/two-stored-lists-across-files/server.ts',
      'negative/call-chain-of-unrelated-lists/jobs.ts',
      'negative/dimensions-across-calls.ts',
      'negative/for-in-nested.ts',
      'negative/own-state-collections.ts',
      'negative/queue-drained-per-item.ts',
      'negative/then-callback.ts',
      'negative/data-loop-with-heavy-body.ts',
      'negative/steps-of-each-stored-workflow.ts',
      'negative/small-side-parameter-lists.ts',
      'negative/length-checked-edit-distance.ts',
    ];
    for (const fixture of fixtures) {
      assert.deepEqual(findingsAfterEdits(RULE, fixture, [], experimental), [], fixture);
    }
  });
});

describe('blocking-loop in test files', () => {
  it('reports the same code once it is not a test file', () => {
    const spec = analyzeFixture(fixturePath(RULE, 'negative/ranking.spec.ts')).sourceFile;
    const project = spec.getProject();
    const renamed = project.createSourceFile(fixturePath(RULE, 'negative/ranking.ts'), spec.getFullText());
    try {
      assert.deepEqual(
        analyzeFile(spec, withDefaults({})).findings.filter((f) => f.ruleId === RULE),
        [],
      );
      assert.deepEqual(
        analyzeFile(renamed, withDefaults({}))
          .findings.filter((f) => f.ruleId === RULE)
          .map((f) => f.messageId),
        ['loop'],
      );
    } finally {
      project.removeSourceFile(renamed);
    }
  });
});

describe('blocking-loop recomputes what an edit changes, and only that', () => {
  it('sees an edit of a called file from the file that calls it', () => {
    const jobs = 'positive/call-chain/jobs.ts';
    assert.equal(findingsOf(RULE, jobs).length, 1);
    const flattened = findingsAfterEdits(RULE, jobs, [
      { file: 'positive/call-chain/indexer.ts', from: 'for (const doc of docs)', to: 'for (const doc of docs.slice(0, 3))' },
    ]);
    assert.deepEqual(flattened, []);
    assert.equal(findingsOf(RULE, jobs).length, 1, 'and sees it undone');
  });
});

describe('blocking-loop quick fix: Yield to the event loop', () => {
  it('pauses in the innermost loop of the nest, with one counter before the nest', () => {
    const file = fixturePath(RULE, 'positive/nested-loop-in-async-function.ts');
    const fixed = applyFix(fixTitled(findingsOf(RULE, 'positive/nested-loop-in-async-function.ts'), 'Yield'));
    assert.equal(
      fixed.get(file),
      `interface Point {
  x: number;
  y: number;
}
declare function loadPoints(): Promise<Point[]>;

export async function closestPair(): Promise<number> {
  const pts = await loadPoints();
  let best = Infinity;
  let iteration = 0;
  for (const a of pts) {
//^^^ blocking-loop loop
    for (const b of pts) {
      if (++iteration % 1000 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
      if (a !== b) best = Math.min(best, Math.hypot(a.x - b.x, a.y - b.y));
    }
  }
  return best;
}
`,
    );
    assert.deepEqual(newTypeErrorsAcross(file, fixed), []);
    assert.deepEqual(
      findingsAfterEdits(RULE, 'positive/nested-loop-in-async-function.ts', [{ from: fs.readFileSync(file, 'utf8'), to: fixed.get(file) as string }]),
      [],
    );
  });

  it('wraps a loop body that is a single statement in a block', () => {
    const file = fixturePath(RULE, 'positive/lower-threshold-setting.ts');
    const fixed = applyFix(fixTitled(findingsOf(RULE, 'positive/lower-threshold-setting.ts'), 'Yield'));
    assert.equal(
      fixed.get(file),
      `// settings: {"blockingLoop":{"minIterations":1000}}
declare function step(i: number): void;

export async function warmUp(): Promise<void> {
  let iteration = 0;
  for (let i = 0; i < 5000; i++) {
    if (++iteration % 1000 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    step(i);
  }
//^^^ blocking-loop loop
}
`,
    );
    assert.deepEqual(newTypeErrorsAcross(file, fixed), []);
  });

  it('keeps a file indented with tabs in tabs, and braces a next-line body after the loop', () => {
    const file = fixturePath(RULE, 'positive/tab-indented-nest.ts');
    const fixed = applyFix(fixTitled(findingsOf(RULE, 'positive/tab-indented-nest.ts'), 'Yield'));
    assert.equal(
      fixed.get(file),
      [
        '/**',
        " * A file indented with tabs, whose first indented lines are this comment's.",
        ' */',
        'interface Cell {',
        '\trow: number;',
        '\tcol: number;',
        '}',
        'declare function loadCells(): Promise<Cell[]>;',
        '',
        'export class SheetReport {',
        '\tasync samePairs(): Promise<number> {',
        '\t\tconst cells = await loadCells();',
        '\t\tlet pairs = 0;',
        '\t\tlet iteration = 0;',
        '\t\tfor (const a of cells) {',
        '//^^^ blocking-loop loop',
        '\t\t\tfor (const b of cells) {',
        '\t\t\t\tif (++iteration % 1000 === 0) await new Promise<void>((resolve) => setImmediate(resolve));',
        '\t\t\t\tif (a.row === b.row && a.col < b.col) pairs++;',
        '\t\t\t}',
        '\t\t}',
        '\t\treturn pairs;',
        '\t}',
        '}',
        '',
      ].join('\n'),
    );
    assert.deepEqual(newTypeErrorsAcross(file, fixed), []);
  });

  it('is not offered when the heavy inner loop is an array method or a called function, where no await can go', () => {
    const offered = (relative: string): string[] => findingsOf(RULE, relative).flatMap((f) => f.fixes.map((fix) => fix.title));
    assert.equal(findingsOf(RULE, 'positive/includes-in-loop.ts').length, 1, 'the finding stays');
    assert.deepEqual(offered('positive/includes-in-loop.ts'), [], 'unique.includes(id) scans the array on every pass');
    assert.deepEqual(offered('positive/nest-across-a-call.ts'), [], 'nearest() loops over the points on every pass');
  });

  it('is offered only where an await may go, and never applied by --fix', () => {
    const offered = (relative: string): string[] =>
      findingsOf(RULE, relative).flatMap((f) => f.fixes.map((fix) => `${fix.title}${fix.isPreferred ? ' (preferred)' : ''}`));
    assert.deepEqual(offered('positive/nested-loop-in-async-function.ts'), ['Yield to the event loop every 1,000 iterations']);
    assert.deepEqual(offered('positive/nested-loop-in-route-handler.ts'), [], 'the handler is not async');
    assert.deepEqual(offered('positive/same-items-in-handler.ts'), [], 'the loops are array methods, whose callbacks cannot await, and a copied search');
  });
});

describe('blocking-loop quick fix: Move to a worker thread', () => {
  it('moves the function, its helpers and constants into a worker module and awaits it (TypeScript, CommonJS)', () => {
    const file = fixturePath(RULE, 'positive/hull-report.ts');
    const worker = fixturePath(RULE, 'positive/hullEdges.worker.ts');
    const [finding] = findingsOf(RULE, 'positive/hull-report.ts');
    const fix = fixTitled([finding], 'Move');
    assert.deepEqual([fix.title, fix.isPreferred, fix.createFiles], ['Move hullEdges to a worker thread', false, [worker]]);
    assert.equal((finding.explanation as BlockingWorkFacts).workerFunction, 'hullEdges');
    const fixed = applyFix(fix);
    assert.equal(
      fixed.get(file),
      `import { hullEdgesInWorker } from './hullEdges.worker';

export interface Point {
  x: number;
  y: number;
}

export async function hullReport(json: string): Promise<string> {
  const edges = await hullEdgesInWorker(JSON.parse(json));
  //            ^^^^^^^^^^^^^^^^^^^^^^^^^^^ blocking-loop loopViaCall
  return \`\${edges.length} edges: \${edges.map(([a, b]) => \`(\${a.x},\${a.y})-(\${b.x},\${b.y})\`).join(' ')}\`;
}
`,
    );
    assert.equal(
      fixed.get(worker),
      `// hullEdges runs here, on a worker thread, so that the event loop stays free while it works.
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { Point } from './hull-report';

const EPSILON = 1e-9;

function cross(o: Point, a: Point, b: Point): number {
  return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
}

/** The edges of the convex hull, by brute force: every pair of points against every point. */
function hullEdges(points: Point[]): Array<[Point, Point]> {
  const edges: Array<[Point, Point]> = [];
  for (const a of points) {
    for (const b of points) {
      if (a === b) continue;
      let outside = false;
      for (const c of points) if (cross(a, b, c) < -EPSILON) outside = true;
      if (!outside) edges.push([a, b]);
    }
  }
  return edges;
}

/** Runs hullEdges on a worker thread and resolves with what it returns. */
export function hullEdgesInWorker(...args: Parameters<typeof hullEdges>): Promise<ReturnType<typeof hullEdges>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(__filename, { workerData: args });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(\`hullEdges worker stopped with exit code \${code}\`));
    });
  });
}

if (!isMainThread) {
  parentPort?.postMessage(hullEdges(...(workerData as Parameters<typeof hullEdges>)));
}
`,
    );
    assert.deepEqual(newTypeErrorsAcross(file, fixed), []);
  });

  it('writes an ES module as one: `import.meta.url` and a `.mjs` specifier', () => {
    const file = fixturePath(RULE, 'positive/score-report.mjs');
    const worker = fixturePath(RULE, 'positive/scoreAll.worker.mjs');
    const fixed = applyFix(fixTitled(findingsOf(RULE, 'positive/score-report.mjs'), 'Move'));
    assert.equal(
      fixed.get(file),
      `import { scoreAllInWorker } from './scoreAll.worker.mjs';

export async function scoreReport(json) {
  const scores = await scoreAllInWorker(JSON.parse(json));
  //             ^^^^^^^^^^^^^^^^^^^^^^^^^^ blocking-loop loopViaCall
  return scores.join(',');
}
`,
    );
    assert.match(fixed.get(worker) ?? '', /new Worker\(new URL\(import\.meta\.url\), \{ workerData: args \}\)/);
    assert.match(fixed.get(worker) ?? '', /^const WEIGHT = 3;$/m);
    assert.match(fixed.get(worker) ?? '', /^export function scoreAllInWorker\(\.\.\.args\) \{$/m);
  });

  it('runs the fixed programs with node and they print what the originals print', function () {
    this.timeout(60_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kitchen-sync-worker-'));
    try {
      // TypeScript compiled to CommonJS, file by file as tsc would emit it.
      const points = JSON.stringify(
        [
          [0, 0],
          [4, 0],
          [4, 4],
          [0, 4],
          [2, 2],
          [1, 3],
          [3, 1],
        ].map(([x, y]) => ({ x, y })),
      );
      const tsDriver = `require('./hull-report.js').hullReport(${JSON.stringify(points)}).then((text) => console.log(text));\n`;
      const original = fixturePath(RULE, 'positive/hull-report.ts');
      const before = runCompiled(path.join(dir, 'before'), new Map([[original, fs.readFileSync(original, 'utf8')]]), tsDriver);
      const after = runCompiled(path.join(dir, 'after'), applyFix(fixTitled(findingsOf(RULE, 'positive/hull-report.ts'), 'Move')), tsDriver);
      assert.match(before, /^4 edges: /);
      assert.equal(after, before);

      // An ES module, run as written.
      const words = JSON.stringify(JSON.stringify(['tea', 'ten', 'pen', 'pet', 'tap']));
      const mjsDriver = `import { scoreReport } from './score-report.mjs';\nconsole.log(await scoreReport(${words}));\n`;
      const mjs = fixturePath(RULE, 'positive/score-report.mjs');
      const mjsBefore = runModules(path.join(dir, 'mjs-before'), new Map([[mjs, fs.readFileSync(mjs, 'utf8')]]), mjsDriver);
      const mjsAfter = runModules(path.join(dir, 'mjs-after'), applyFix(fixTitled(findingsOf(RULE, 'positive/score-report.mjs'), 'Move')), mjsDriver);
      assert.match(mjsBefore, /^\d+(,\d+){4}$/);
      assert.equal(mjsAfter, mjsBefore);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  const notOffered: Array<{ name: string; edits: Edit[] }> = [
    { name: 'the function is exported', edits: [{ from: 'function hullEdges(', to: 'export function hullEdges(' }] },
    { name: 'the function is called elsewhere too', edits: [{ from: '  return `${edges.length}', to: '  hullEdges([]);\n  return `${edges.length}' }] },
    { name: 'the function reads module state that is not a literal constant', edits: [{ from: 'const EPSILON = 1e-9;', to: 'let EPSILON = 1e-9;' }] },
    {
      name: 'a helper stays in use here',
      edits: [
        {
          from: 'export async function hullReport',
          to: 'export const area = cross({ x: 0, y: 0 }, { x: 1, y: 0 }, { x: 0, y: 1 });\n\nexport async function hullReport',
        },
      ],
    },
    { name: 'a type it needs is not exported', edits: [{ from: 'export interface Point', to: 'interface Point' }] },
    {
      name: 'the caller is not async',
      edits: [{ from: 'export async function hullReport(json: string): Promise<string> {', to: 'export function hullReport(json: string): string {' }],
    },
  ];
  for (const { name, edits } of notOffered) {
    it(`is not offered when ${name}`, () => {
      const findings = findingsAfterEdits(RULE, 'positive/hull-report.ts', edits);
      assert.equal(findings.length, name === 'the caller is not async' ? 0 : 1, 'the finding itself stays (or goes with its entry point)');
      assert.deepEqual(
        findings.flatMap((f) => f.fixes.map((fix) => fix.title)),
        [],
      );
    });
  }
});

describe('blocking-loop card', () => {
  it('tells the story with the code’s own names, in English and Japanese', () => {
    const [finding] = findingsOf(RULE, 'positive/across-files/server.ts');
    const english = renderCardText(finding, 'en');
    assert.match(english, /^This loop keeps the event loop busy\n/);
    assert.match(english, /twenty minutes chopping carrots/);
    assert.match(english, /In http\.createServer\(…\), the call buildReport\(sales, regions\) runs for \(const region of regions\) on the event loop\./);
    assert.match(
      english,
      /It takes about n × m steps, where n = regions\.length, from url\.searchParams\.getAll\('region'\), which the client sends, m = sales\.length, from loadSales\(\)\. With 10,000 elements that is 100,000,000 steps\./,
    );
    assert.match(english, /another cook \(worker_threads\) or another kitchen \(a child process\)/);
    assert.match(english, /This one is CPU-bound\./);
    const japanese = renderCardText(finding, 'ja');
    assert.match(japanese, /^このループがイベントループを占有しています\n/);
    assert.match(japanese, /CPUバウンド？ それとも I\/Oバウンド？/);
    assert.match(japanese, /別のコックさん（worker_threads、つまりもう一つのスレッド）か別の厨房（子プロセス）/);
    assert.match(
      japanese,
      /約 n × m ステップかかります（n = regions\.length（クライアントが送ってくる url\.searchParams\.getAll\('region'\) から）, m = sales\.length（loadSales\(\) から））。/,
    );
  });

  it('names the origin of the data and offers the worker fix on the card', () => {
    const text = renderCardText(findingsOf(RULE, 'positive/hull-report.ts')[0], 'en');
    assert.match(text, /Quick fix "Move to a worker thread": hullEdges moves to a worker module/);
    const origin = renderCardText(findingsOf(RULE, 'positive/nested-loop-in-async-function.ts')[0], 'en');
    assert.match(origin, /where n = pts\.length, from loadPoints\(\)\./);
    assert.match(origin, /Quick fix "Yield to the event loop"/);
  });
});

/** Compiles TypeScript files to CommonJS one by one (as tsc emits them), then runs the driver with node. */
function runCompiled(dir: string, files: ReadonlyMap<string, string>, driver: string): string {
  fs.mkdirSync(dir, { recursive: true });
  for (const [file, text] of files) {
    const { code } = transformSync(text, { loader: 'ts', format: 'cjs', target: 'node20' });
    fs.writeFileSync(path.join(dir, path.basename(file).replace(/\.ts$/, '.js')), code);
  }
  fs.writeFileSync(path.join(dir, 'main.js'), driver);
  return execFileSync(process.execPath, ['main.js'], { cwd: dir, encoding: 'utf8', timeout: 30_000 }).trim();
}

/** Writes ES modules as they are and runs the driver with node. */
function runModules(dir: string, files: ReadonlyMap<string, string>, driver: string): string {
  fs.mkdirSync(dir, { recursive: true });
  for (const [file, text] of files) fs.writeFileSync(path.join(dir, path.basename(file)), text);
  fs.writeFileSync(path.join(dir, 'main.mjs'), driver);
  return execFileSync(process.execPath, ['main.mjs'], { cwd: dir, encoding: 'utf8', timeout: 30_000 }).trim();
}
