// lock-reentry: a lock taken while the same task already holds it, here or in a callee.
// async-mutex locks and Web Locks are not reentrant, so the second acquisition waits for
// the first to be released, which never happens: a self-deadlock.
import { lockAnalysisFor, lockContextFor } from '../locks/lockAnalysis';
import { lockTextAt, nodeAtSite, writtenAlike } from '../locks/sites';
import { callName, lockText, taskFacts } from '../locks/traces';
import { defineRule } from '../rule';
import { relatedMessage } from '../templateText';

export const lockReentry = defineRule({
  meta: {
    id: 'lock-reentry',
    family: 'locks',
    defaultSeverity: 'error',
    description: 'A lock taken again while the same task already holds it, directly or through a call: a self-deadlock.',
    experimental: false,
  },
  messages: {
    reentry: '{lock} is taken again here while it is already held (since line {line}). It is not reentrant, so this waits for itself forever.',
    reentryThroughCall: '{callee} takes {lock}, which is already held here (since line {line}). It is not reentrant, so the call waits for itself forever.',
    reentryTimeout:
      '{lock} is taken again here while it is already held (since line {line}). It is not reentrant, so this waits for itself until the timeout fails it.',
    reentryThroughCallTimeout:
      '{callee} takes {lock}, which is already held here (since line {line}). It is not reentrant, so the call waits for itself until the timeout fails it.',
  },
  prepare: lockAnalysisFor,
  check(ctx) {
    const analysis = lockAnalysisFor(ctx.project, ctx.settings);
    const file = ctx.sourceFile.getFilePath();
    const compilerFile = ctx.sourceFile.compilerNode;
    const lockCtx = lockContextFor(ctx.project, ctx.settings);
    const certain = (analysis.graph.reentrySites.get(file) ?? []).map((site) => ({ site, alike: undefined }));
    // One object the analysis cannot name, written alike at both sites (`find(id).lock`): most likely the same lock.
    const likely = (analysis.graph.sameClassSites.get(file) ?? [])
      .filter((site) => site.held.chain.length === 1 && site.chain.length === 1 && writtenAlike(compilerFile, site.held.site, site.site, lockCtx))
      .map((site) => ({ site, alike: lockTextAt(compilerFile, site.site, lockCtx) }));
    for (const { site, alike } of [...certain, ...likely]) {
      const node = nodeAtSite(ctx.sourceFile, site.site);
      if (!node) continue;
      const params = analysis.program.functions.get(site.fnKey)?.params ?? [];
      const lock = alike ?? lockText(site.from, params);
      const through = taskFacts(site).through;
      const timeout = site.from.timeout || site.to.timeout;
      const line = String(site.held.site.range.start.line + 1);
      const direct = site.chain.length === 1;
      ctx.report({
        node,
        messageId: direct ? (timeout ? 'reentryTimeout' : 'reentry') : timeout ? 'reentryThroughCallTimeout' : 'reentryThroughCall',
        data: { lock, line, callee: callName(through[0] ?? site.fn) },
        related: [
          ...site.held.chain.map((step) => ({
            file: step.site.file,
            range: step.site.range,
            ...(step.action === 'takes'
              ? relatedMessage('{function} takes {lock} here.', { function: callName(step.fn), lock })
              : relatedMessage('{function} calls {callee}, which takes {lock}.', { function: callName(step.fn), callee: callName(step.callee ?? ''), lock })),
          })),
          ...site.chain.slice(1).map((step) => ({
            file: step.site.file,
            range: step.site.range,
            ...(step.action === 'takes'
              ? relatedMessage('{function} takes {lock} again here and waits for itself.', { function: callName(step.fn), lock })
              : relatedMessage('{function} calls {callee} here, still holding {lock}.', {
                  function: callName(step.fn),
                  callee: callName(step.callee ?? ''),
                  lock,
                })),
          })),
        ],
        explanation: { card: 'lock-reentry', lock, function: site.fn, through, lockKind: site.to.kind, timeout },
        // The second acquisition hangs on a flag a caller passes (`{ skipLock }`) whose value is not known
        // here, or on two expressions written alike really being one object.
        experimental: site.conditional || alike !== undefined,
      });
    }
  },
});
