import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { onCycle, shortestPathWithin, stronglyConnectedComponents } from '../../src/core/locks/cycles';

/** Whether `to` can be reached from `from` in one or more steps, by brute force. */
function reaches(successors: number[][], from: number, to: number): boolean {
  const seen = new Set<number>();
  const stack = [...successors[from]];
  while (stack.length > 0) {
    const node = stack.pop() as number;
    if (node === to) return true;
    if (seen.has(node)) continue;
    seen.add(node);
    stack.push(...successors[node]);
  }
  return false;
}

describe('strongly connected components', () => {
  it('puts a two-lock cycle in one component and a lock outside it in another', () => {
    // 0 ⇄ 1, 1 → 2
    const { component, size } = stronglyConnectedComponents([[1], [0, 2], []]);
    assert.equal(component[0], component[1]);
    assert.notEqual(component[1], component[2]);
    assert.equal(size[component[0]], 2);
    assert.equal(size[component[2]], 1);
  });

  it('finds a three-lock cycle and the edges on it', () => {
    const successors = [[1], [2], [0, 3], []];
    const components = stronglyConnectedComponents(successors);
    assert.ok(onCycle(components, 0, 1));
    assert.ok(onCycle(components, 2, 0));
    assert.ok(!onCycle(components, 2, 3));
  });

  it('never counts a self-loop as a cycle between two locks', () => {
    const components = stronglyConnectedComponents([[0]]);
    assert.ok(!onCycle(components, 0, 0));
  });

  it('numbers components in reverse topological order', () => {
    // 0 → 1 → 2: the sink's component is found first.
    const { component } = stronglyConnectedComponents([[1], [2], []]);
    assert.deepEqual([...component], [2, 1, 0]);
  });

  it('handles a chain of 100,000 locks without overflowing the stack', () => {
    const n = 100_000;
    const successors = Array.from({ length: n }, (_, i) => (i + 1 < n ? [i + 1] : [0]));
    const { component, size } = stronglyConnectedComponents(successors);
    assert.equal(size.length, 1);
    assert.equal(size[0], n);
    assert.equal(component[n - 1], 0);
    assert.equal(shortestPathWithin(successors, { component, size }, 5, 4)?.length, n);
  });

  it('agrees with brute-force reachability: an edge is on a cycle exactly when its head reaches its tail', () => {
    const graph = fc
      .integer({ min: 1, max: 9 })
      .chain((n) => fc.array(fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { maxLength: n }), { minLength: n, maxLength: n }));
    fc.assert(
      fc.property(graph, (successors) => {
        const components = stronglyConnectedComponents(successors);
        successors.forEach((out, from) => {
          for (const to of out) {
            if (from === to) continue;
            assert.equal(onCycle(components, from, to), reaches(successors, to, from), `edge ${from} → ${to}`);
          }
        });
      }),
    );
  });
});

describe('shortest path within a component', () => {
  it('takes the shortest way back that closes the cycle', () => {
    // 0 → 1 → 2 → 0 and the shortcut 1 → 0.
    const successors = [[1], [2, 0], [0]];
    const components = stronglyConnectedComponents(successors);
    assert.deepEqual(shortestPathWithin(successors, components, 1, 0), [1, 0]);
    assert.deepEqual(shortestPathWithin(successors, components, 2, 1), [2, 0, 1]);
  });

  it('does not leave the component, and says so when the ends are in different ones', () => {
    const successors = [[1], [0, 2], [3], [2]];
    const components = stronglyConnectedComponents(successors);
    assert.equal(shortestPathWithin(successors, components, 1, 2), undefined);
    assert.deepEqual(shortestPathWithin(successors, components, 3, 2), [3, 2]);
  });
});
