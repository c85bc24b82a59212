// Answers that depend on the settings are cached per settings object: the same function
// analysed with and without a configured lock helper, in either order, gets the answer
// that fits the settings each time. (A cache keyed on the syntax node alone kept the first
// answer: a false positive one way round, a false negative the other.)
import * as assert from 'node:assert/strict';
import { analyzeFile, createLooseProject, withDefaults } from '../../src/core';

const SOURCE = `interface Store {
  grab(): Promise<void>;
  drop(): void;
}
declare function loadUser(id: string): Promise<string>;
declare function loadPrices(): Promise<number[]>;

export async function refresh(store: Store, id: string) {
  await store.grab();
  const user = await loadUser(id);
  const prices = await loadPrices();
  store.drop();
  return { user, prices };
}
`;

describe('settings-dependent caches', () => {
  const sourceFile = createLooseProject().createSourceFile('/virtual/refresh.ts', SOURCE);
  const plain = () => withDefaults({});
  const withLockHelper = () => withDefaults({ locks: { acquireMethods: ['grab'], releaseMethods: ['drop'], runExclusiveMethods: [] } });
  const sequentialAwaits = (settings: ReturnType<typeof withDefaults>): number[] =>
    analyzeFile(sourceFile, settings)
      .findings.filter((f) => f.ruleId === 'sequential-await')
      .map((f) => f.range.start.line);

  it('reports the awaits while no lock is configured, then stays silent once grab() takes one, then reports again', () => {
    assert.deepEqual(sequentialAwaits(plain()), [10]);
    assert.deepEqual(sequentialAwaits(withLockHelper()), [], 'the awaits run while the configured lock is held');
    assert.deepEqual(sequentialAwaits(plain()), [10]);
  });

  it('gives the same answers in the other order', () => {
    const flipped = createLooseProject().createSourceFile('/virtual/refresh.ts', SOURCE);
    const find = (settings: ReturnType<typeof withDefaults>) => analyzeFile(flipped, settings).findings.filter((f) => f.ruleId === 'sequential-await').length;
    assert.equal(find(withLockHelper()), 0);
    assert.equal(find(plain()), 1);
    assert.equal(find(withLockHelper()), 0);
  });
});
