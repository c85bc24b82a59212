// lock-order: locks taken in orders that can deadlock. Each cycle of the whole-program
// lock-order graph is reported once, at one acquisition (or call leading to one) that forms
// an edge of it, with the other tasks of the cycle as related locations; and where two locks of one class
// (`from.lock`, `to.lock`) are nested without a defined order.
import type { Fix } from '../finding';
import { cycleSitesIn, lockAnalysisFor, lockContextFor, returnPath, sitesOfEdge } from '../locks/lockAnalysis';
import type { NestingSite } from '../locks/lockGraph';
import { reorderFix } from '../locks/orderFixes';
import { lockTextAt, nodeAtSite, writtenAlike } from '../locks/sites';
import { isStablyOrdered, stableOrderFix } from '../locks/stableOrder';
import { callName, lockText, taskFacts, taskTrace } from '../locks/traces';
import { defineRule } from '../rule';

export const lockOrder = defineRule({
  meta: {
    id: 'lock-order',
    family: 'locks',
    defaultSeverity: 'warning',
    description: 'Locks taken in orders that can deadlock: a cycle in the lock-order graph, or two locks of one class nested in no defined order.',
    experimental: false,
  },
  messages: {
    cycle: '{to} is taken here while {from} is held, but {other} takes {from} while holding {to}. If both run at once, each waits for the other forever.',
    longCycle: '{to} is taken here while {from} is held, which closes the lock cycle {cycle}. If these paths run at once, each waits for the next forever.',
    sameClass:
      '{to} is taken here while {from} is held, and both are {lockClass} locks. Two calls with the objects swapped wait for each other forever; take the two in a stable order.',
  },
  prepare: lockAnalysisFor,
  check(ctx) {
    const analysis = lockAnalysisFor(ctx.project, ctx.settings);
    const { graph } = analysis;
    const file = ctx.sourceFile.getFilePath();
    const compilerFile = ctx.sourceFile.compilerNode;
    const lockCtx = lockContextFor(ctx.project, ctx.settings);

    for (const site of cycleSitesIn(graph, file)) {
      const node = nodeAtSite(ctx.sourceFile, site.site);
      const back = returnPath(graph, site);
      if (!node || back.length === 0) continue;
      const locks = [site.from.name, site.to.name, ...back.slice(0, -1).map((s) => s.to.name)];
      const fixes: Fix[] = [];
      // Two locks: the workspace's usual order is the one more places already follow.
      if (
        back.length === 1 &&
        sitesOfEdge(graph, site.to.classKey, site.from.classKey).length > sitesOfEdge(graph, site.from.classKey, site.to.classKey).length
      ) {
        const fix = reorderFix(site, compilerFile, lockCtx, { first: site.to.name, second: site.from.name });
        if (fix) fixes.push(fix);
      }
      ctx.report({
        node,
        messageId: back.length === 1 ? 'cycle' : 'longCycle',
        data: { from: site.from.name, to: site.to.name, other: callName(back[0].fn), cycle: [...locks, locks[0]].join(' → ') },
        related: [...taskTrace(1, site, true), ...back.flatMap((s, i) => taskTrace(i + 2, s, false))],
        fixes,
        explanation: {
          card: 'lock-order',
          kind: 'cycle',
          locks,
          tasks: [taskFacts(site), ...back.map(taskFacts)],
          fixedOrder: fixes.length > 0 ? [site.to.name, site.from.name] : undefined,
        },
        // Semaphores with several permits and shared Web Locks deadlock only when exhausted or mixed with exclusive holders.
        experimental: [site, ...back].some((s) => !s.from.exclusive || !s.to.exclusive),
      });
    }

    for (const site of graph.sameClassSites.get(file) ?? []) {
      const node = nodeAtSite(ctx.sourceFile, site.site);
      if (!node || isStablyOrdered(site, compilerFile)) continue;
      const params = analysis.program.functions.get(site.fnKey)?.params ?? [];
      // As written where this function takes them, else as this function would write them.
      const fromText = (site.held.chain.length === 1 && lockTextAt(compilerFile, site.held.site, lockCtx)) || lockText(site.from, params);
      const toText = (site.chain.length === 1 && lockTextAt(compilerFile, site.site, lockCtx)) || lockText(site.to, params);
      // The same lock written twice (`find(id).lock`): lock-reentry's, not two locks of one class.
      if (site.held.chain.length === 1 && site.chain.length === 1 && writtenAlike(compilerFile, site.held.site, site.site, lockCtx)) continue;
      const named: NestingSite = { ...site, from: { ...site.from, name: fromText }, to: { ...site.to, name: toText } };
      const fix = stableOrderFix(site, compilerFile, lockCtx);
      const through = taskFacts(named).through;
      ctx.report({
        node,
        messageId: 'sameClass',
        data: { from: named.from.name, to: named.to.name, lockClass: site.from.name },
        related: taskTrace(undefined, named, true),
        fixes: fix ? [fix] : [],
        explanation: {
          card: 'lock-order',
          kind: 'same-class',
          locks: [named.from.name, named.to.name],
          tasks: [
            { function: site.fn, holds: named.from.name, waitsFor: named.to.name, through },
            { function: site.fn, holds: named.to.name, waitsFor: named.from.name, through },
          ],
          lockClass: site.from.name,
        },
        experimental: !site.from.exclusive || !site.to.exclusive,
      });
    }
  },
});
