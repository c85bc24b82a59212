// Cycles in the lock-order graph, found the way lockdep would want them found statically:
// by strongly connected components. Every edge whose two ends share a component lies on a
// cycle (its head reaches its tail again), so one linear pass answers "is this edge part of
// a deadlock?" for every edge at once, without enumerating cycles, whose number can grow
// exponentially. Both functions are iterative: a chain of ten thousand locks must not
// overflow the call stack.

export interface Components {
  /** Component of each node. Components are numbered in reverse topological order. */
  component: Int32Array;
  /** Number of nodes in each component. */
  size: Int32Array;
}

/** Tarjan's algorithm over nodes 0..n-1, O(nodes + edges). */
export function stronglyConnectedComponents(successors: ReadonlyArray<readonly number[]>): Components {
  const n = successors.length;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const component = new Int32Array(n).fill(-1);
  const onStack = new Uint8Array(n);
  const nextEdge = new Int32Array(n);
  const stack: number[] = [];
  const path: number[] = [];
  const sizes: number[] = [];
  let counter = 0;

  const enter = (node: number): void => {
    index[node] = low[node] = counter++;
    stack.push(node);
    onStack[node] = 1;
    path.push(node);
  };

  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    enter(root);
    while (path.length > 0) {
      const node = path[path.length - 1];
      const out = successors[node];
      if (nextEdge[node] < out.length) {
        const next = out[nextEdge[node]++];
        if (index[next] === -1) enter(next);
        else if (onStack[next]) low[node] = Math.min(low[node], index[next]);
        continue;
      }
      path.pop();
      if (path.length > 0) {
        const parent = path[path.length - 1];
        low[parent] = Math.min(low[parent], low[node]);
      }
      if (low[node] === index[node]) {
        const id = sizes.length;
        let size = 0;
        let member: number;
        do {
          member = stack.pop() as number;
          onStack[member] = 0;
          component[member] = id;
          size++;
        } while (member !== node);
        sizes.push(size);
      }
    }
  }
  return { component, size: Int32Array.from(sizes) };
}

/** Whether the edge from → to lies on a cycle of two or more nodes. */
export function onCycle(components: Components, from: number, to: number): boolean {
  return from !== to && components.component[from] === components.component[to];
}

/**
 * The shortest path from `from` to `to` (both ends included) that stays inside their
 * component, by breadth-first search; undefined when there is none.
 */
export function shortestPathWithin(successors: ReadonlyArray<readonly number[]>, components: Components, from: number, to: number): number[] | undefined {
  const target = components.component[from];
  if (components.component[to] !== target) return undefined;
  const previous = new Map<number, number>([[from, -1]]);
  const queue = [from];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head];
    if (node === to) break;
    for (const next of successors[node]) {
      if (previous.has(next) || components.component[next] !== target) continue;
      previous.set(next, node);
      queue.push(next);
    }
  }
  if (!previous.has(to)) return undefined;
  const path: number[] = [];
  for (let node = to; node !== -1; node = previous.get(node) as number) path.push(node);
  return path.reverse();
}
