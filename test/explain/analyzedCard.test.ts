// From source text to card: the facts the analyzer really produces render as intended.
import * as assert from 'node:assert/strict';
import { Project } from 'ts-morph';
import { analyzeFile, defaultSettings, type Finding } from '../../src/core';
import { localizedMessage, renderCard, renderCardText } from '../../src/explain';

// One project for every snippet, so the standard library is read once; each snippet is a module of its own.
const project = new Project({ useInMemoryFileSystem: true, compilerOptions: { strict: true, target: 99 /* ESNext */, lib: ['lib.es2022.d.ts'] } });
let snippets = 0;

function findingsIn(code: string): Finding[] {
  const sourceFile = project.createSourceFile(`/snippet${++snippets}.ts`, code);
  const { findings, problems } = analyzeFile(sourceFile, defaultSettings());
  assert.deepEqual(problems, []);
  return findings;
}

describe('cards for analysed code', () => {
  it('explains awaits that wait in line, with the names from the code', () => {
    const findings = findingsIn(`
      interface User { id: string }
      interface Order { total: number }
      declare function loadUser(id: string): Promise<User>;
      declare function loadOrders(id: string): Promise<Order[]>;
      export async function loadDashboard(id: string) {
        const user = await loadUser(id);
        const orders = await loadOrders(id);
        return { user, orders };
      }
    `);
    assert.deepEqual(
      findings.map((f) => f.ruleId),
      ['sequential-await'],
    );
    const card = renderCard(findings[0], 'en');
    assert.ok(card.includes('In `loadDashboard`, `loadOrders(id)` does not start until `loadUser(id)` has finished'), card);
    assert.ok(renderCardText(findings[0], 'en').includes('  loadUser(id)    ████████\n      loadOrders(id)  ░░░░░░░░█████\n'));
    assert.ok(card.includes('<desc id="ks-drawing-3-desc">loadUser(id), loadOrders(id)</desc>'), card);
    assert.ok(card.includes('The quick fix makes this change for you'), card);
    const japanese = renderCard(findings[0], 'ja');
    assert.ok(japanese.includes('`loadDashboard` の中で、`loadOrders(id)` は `loadUser(id)` が終わるまで始まりません。'), japanese);
    assert.equal(
      localizedMessage(findings[0], 'ja'),
      '`loadOrders(id)` は `loadUser(id)` の結果を使っていないのに、その完了を待っています。Promise.all で並行に始めましょう。',
    );
  });

  it('explains a loop that awaits each member in turn, with the gain in its names', () => {
    const findings = findingsIn(`
      interface User { id: string }
      declare function fetchUser(id: string): Promise<User>;
      export async function loadTeam(memberIds: string[]): Promise<User[]> {
        const members: User[] = [];
        for (const id of memberIds) {
          members.push(await fetchUser(id));
        }
        return members;
      }
    `);
    assert.deepEqual(
      findings.map((f) => f.ruleId),
      ['await-in-loop'],
    );
    const card = renderCardText(findings[0], 'en');
    assert.ok(card.includes('Each pass of the loop over memberIds waits for fetchUser(id) before the next pass starts'), card);
    assert.ok(card.includes('With n = memberIds.length, that is about n × t one after another, and about t together'), card);
    assert.ok(renderCardText(findings[0], 'ja').includes('n = memberIds.length、fetchUser(id) 1回にかかる時間を t とすると'));
  });

  it('advises an index for a nested search, and a worker or smaller pieces for a loop that computes', () => {
    const findings = findingsIn(`
      declare function publish(values: unknown[]): void;
      setInterval(() => {
        const primes: number[] = [];
        for (let i = 2; i < 200_000; i++) {
          let prime = true;
          for (let j = 2; j * j <= i; j++) if (i % j === 0) prime = false;
          if (prime) primes.push(i);
        }
        publish(primes);
      }, 60_000);
      declare function loadItems(): Promise<Array<{ id: string; score: number }>>;
      export async function outranked() {
        const items = await loadItems();
        return items.filter((a) => items.some((b) => b.score > a.score));
      }
    `);
    const loops = findings.filter((f) => f.ruleId === 'blocking-loop');
    assert.equal(loops.length, 2, JSON.stringify(findings.map((f) => f.message)));
    const search = renderCardText(loops[1], 'en');
    assert.ok(search.includes('Often the inner loop is a search: a Map or Set built once turns each search into one step'), search);
    const primes = renderCardText(loops[0], 'en');
    assert.ok(primes.includes('It takes about 89,599,104 steps.'), primes);
    assert.ok(primes.includes('This loop computes rather than looks things up, so an index does not help.'), primes);
    assert.ok(!primes.includes('Map or Set'), primes);
    assert.ok(renderCardText(loops[0], 'ja').includes('このループは探し物ではなく計算をしているので'));
  });

  it('explains a directive that names a misspelt rule', () => {
    const [finding, ...others] = findingsIn('export const total = 1; // kitchen-sync-disable-next-line unused-supression -- flaky\nexport const other = 2;\n');
    assert.deepEqual(others, []);
    assert.equal(finding.ruleId, 'invalid-suppression');
    const card = renderCard(finding, 'en');
    assert.ok(card.includes('```ts\n// kitchen-sync-disable-next-line unused-supression -- flaky\n```'), card);
    assert.ok(card.includes('It asks Kitchen Sync not to report `unused-supression` on the next line.'), card);
    assert.ok(card.includes('Did you mean `unused-suppression`?'), card);
    assert.equal(localizedMessage(finding, 'ja'), "kitchen-sync-disable ディレクティブに未知のルール 'unused-supression' が指定されています。");
    assert.ok(renderCardText(finding, 'ja').startsWith('このディレクティブは、存在しないルールを指定しています\n'));
  });

  it('explains a file-wide directive that suppresses nothing', () => {
    const [finding] = findingsIn('/* kitchen-sync-disable invalid-suppression */\nexport {};\n');
    assert.equal(finding.ruleId, 'unused-suppression');
    const card = renderCard(finding, 'ja');
    assert.ok(card.includes('このディレクティブは、このファイル全体で `invalid-suppression` を報告しないよう Kitchen Sync に指示するものです。'), card);
    assert.ok(card.includes('クイックフィックスで削除できます。'), card);
  });
});
