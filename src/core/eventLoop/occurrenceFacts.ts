// Turns an occurrence of blocking work into what a finding carries: the message data, the
// related locations (the chain of calls, the inner loops, the heavy code itself) and the
// card's facts, all in the user's own names.
import { Node, SyntaxKind } from 'ts-morph';
import type { BlockingWorkFacts } from '../explanationFacts';
import type { RelatedLocation } from '../finding';
import { nodeRange } from '../ranges';
import { relatedMessage, type RelatedMessage } from '../templateText';
import { functionName } from './asyncContext';
import type { BlockingOccurrence } from './blockingWork';
import type { CallStep } from './callGraph';
import { estimateOf, exponentialEstimate, isHeavy, sizesText, type Estimate } from './costModel';
import { describeSize, renameForCall, withParameterNamed, type SizeFactor } from './dataSizes';
import { resolveFunction } from './functionTargets';
import { iterationLevel, loopHeader } from './loopBounds';
import type { FunctionLike } from './syncRegion';

const MAX_CODE = 60;

interface OccurrenceText {
  /** Placeholders every message of both rules may use; `input` only when a client sets a size. */
  data: Record<string, string>;
  related: RelatedLocation[];
  facts: BlockingWorkFacts;
}

export function describeOccurrence(occurrence: BlockingOccurrence, extra: Pick<BlockingWorkFacts, 'alternative' | 'workerFunction'> = {}): OccurrenceText {
  const { site, entry, chain } = occurrence;
  const estimate = estimateFor(occurrence);
  const heavy = heavyText(occurrence);
  const data: Record<string, string> = { entry: entry.label, heavy };
  if (occurrence.at !== site.node) data.call = codeText(occurrence.at.getText());
  if (estimate) {
    data.steps = estimate.steps;
    data.sizes = estimate.variables.length > 0 ? ` (${sizesText(estimate)})` : '';
    const fromRequest = estimate.variables.find((v) => v.request);
    if (fromRequest) data.input = codeText(fromRequest.expression);
  }
  if (site.kind === 'recursion') data.function = functionName(site.fn) ?? heavy;
  if (site.kind === 'busy-wait') data.condition = codeText(loopCondition(site.node) ?? heavy);
  if (site.api && Node.isCallExpression(site.node)) data.callee = codeText(site.node.getExpression().getText());

  const facts: BlockingWorkFacts = {
    card: 'blocking-work',
    kind: site.kind,
    entry: entry.label,
    entryKind: entry.kind,
    heavy,
    chain: chain.map((step) => codeText(step.call.getText())),
    bound: site.api?.bound ?? 'cpu',
    ...(estimate ? { estimate } : {}),
    ...(site.kind === 'loop' && (site.path ?? []).some((step) => step.role === 'loop' && walksCollection(step.node)) ? { innerSearch: true as const } : {}),
    ...extra,
  };
  return { data, related: relatedLocations(occurrence, estimate), facts };
}

/**
 * An array method (`rows.find(…)`), a `for…of` or `for…in`, or a counted loop up to a
 * collection's `length` or `size`; not a counted loop over numbers (`j * j <= i`).
 */
function walksCollection(loop: Node): boolean {
  if (Node.isCallExpression(loop) || Node.isForOfStatement(loop) || Node.isForInStatement(loop)) return true;
  return Node.isForStatement(loop) && /\.(length|size)\b/.test(loop.getCondition()?.getText() ?? '');
}

/** The heavy code as a reader recognises it: a loop's header, a call, a function's name. */
function heavyText(occurrence: BlockingOccurrence): string {
  const { site } = occurrence;
  if (site.kind === 'recursion') return functionName(site.fn) ?? 'recursion';
  if (site.kind === 'blocking-call') return codeText(site.node.getText());
  return codeText(loopHeader(site.node));
}

function loopCondition(loop: Node): string | undefined {
  if (Node.isWhileStatement(loop) || Node.isDoStatement(loop)) return loop.getExpression().getText();
  if (Node.isForStatement(loop)) return loop.getCondition()?.getText();
  return undefined;
}

/** One line, short enough for a message. */
export function codeText(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= MAX_CODE ? line : `${line.slice(0, MAX_CODE - 1)}…`;
}

/** The estimate in the entry's names: sizes read from parameters are renamed call by call, up the chain. */
function estimateFor(occurrence: BlockingOccurrence): Estimate | undefined {
  const { site, chain } = occurrence;
  if (site.kind === 'loop' && site.cost) {
    return estimateOf({ ...site.cost, factors: site.cost.factors.map((factor) => renameUp(factor, chain)) });
  }
  if (site.kind === 'recursion' && site.recursion) {
    const last = chain[chain.length - 1];
    const argument = last?.call.getArguments()[site.recursion.parameterIndex];
    if (!last || !argument) {
      const parameter = site.fn.getParameters()[site.recursion.parameterIndex];
      return exponentialEstimate(parameter?.getName() ?? 'n');
    }
    const factor = renameUp(describeSize(argument.getText(), argument), chain.slice(0, -1));
    return exponentialEstimate(factor.expression, factor.origin, factor.request);
  }
  return undefined;
}

/**
 * Whether a loop nest is heavy in the entry's names: a size read from a parameter is as
 * large as what each caller up the chain passes, and no size at all where a caller passes
 * a literal or a part of what it walks (`distance(word, query)` after a length check). A
 * copied search is heavy by its shape.
 */
export function isHeavyWhereReached(occurrence: BlockingOccurrence, minIterations: number): boolean {
  const { site, chain } = occurrence;
  if (site.kind !== 'loop' || !site.cost || site.copiedSearch) return true;
  const factors = site.cost.factors.flatMap((factor) => {
    const renamed = renamedThrough(factor, chain);
    return renamed ? [{ ...renamed, ...(factor.viaCall ? { viaCall: true } : {}) }] : [];
  });
  return isHeavy({ ...site.cost, factors }, minIterations);
}

function renamedThrough(factor: SizeFactor, chain: readonly CallStep[]): SizeFactor | undefined {
  let renamed: SizeFactor | undefined = factor;
  for (let i = chain.length - 1; i >= 0 && renamed; i--) renamed = handsOnElements(chain[i]) ? undefined : renameForCall(renamed, chain[i].call);
  return renamed;
}

function renameUp(factor: SizeFactor, chain: readonly CallStep[]): SizeFactor {
  let renamed = factor;
  // Where a caller passes a literal or a part of what it loops over, the callee's own names stay.
  for (let i = chain.length - 1; i >= 0; i--) {
    if (handsOnElements(chain[i])) return inOwnParameterName(renamed, chain[i].callee);
    renamed = renameForCall(renamed, chain[i].call) ?? renamed;
  }
  return renamed;
}

/**
 * `workflows.map(mapWorkflow)`: the callee is an argument of the call, not what it calls,
 * and gets the elements; the call's arguments are not its parameters, so they rename nothing.
 */
function handsOnElements(step: CallStep): boolean {
  const { call, callee } = step;
  return (
    Node.isCallExpression(call) &&
    call.getArguments().some((argument) => (Node.isIdentifier(argument) || Node.isPropertyAccessExpression(argument)) && resolveFunction(argument) === callee)
  );
}

/** A size read from a part of a parameter, named from the parameter: `workflow.steps.length` for `steps.length` after `const { steps } = workflow`. */
function inOwnParameterName(factor: SizeFactor, fn: FunctionLike): SizeFactor {
  if (!factor.parameter) return factor;
  const parameter = fn.getParameters().filter((p) => p.getName() !== 'this')[factor.parameter.index];
  const name = parameter?.getNameNode();
  return name && Node.isIdentifier(name) ? { ...factor, expression: withParameterNamed(factor, name.getText()) } : factor;
}

function relatedLocations(occurrence: BlockingOccurrence, estimate: Estimate | undefined): RelatedLocation[] {
  const { site, chain, alsoFrom } = occurrence;
  const related: RelatedLocation[] = [];
  const at = (node: Node, message: RelatedMessage): void => {
    related.push({ file: node.getSourceFile().getFilePath(), range: nodeRange(node), ...message });
  };
  chain.slice(1).forEach((step) => at(step.call, relatedMessage('which calls {call}', { call: codeText(step.call.getText()) })));
  if (chain.length > 0 || occurrence.at !== site.node) at(siteMarker(site.node), siteMessage(occurrence, estimate));
  for (const step of site.path ?? []) {
    if (step.role === 'loop') at(siteMarker(step.node), relatedMessage('the inner loop, run in full on every pass of the loop around it'));
    else at(step.node, relatedMessage('inside the loop, a call to {call}', { call: codeText(step.node.getText()) }));
  }
  const name = functionName(site.fn);
  for (const call of site.recursion?.selfCalls ?? []) {
    at(call, name ? relatedMessage('{function} calls itself here', { function: name }) : relatedMessage('it calls itself here'));
  }
  for (const other of alsoFrom) at(siteMarker(other.at), relatedMessage('also reached from {entry}', { entry: other.entry.label }));
  return related;
}

function siteMessage(occurrence: BlockingOccurrence, estimate: Estimate | undefined): RelatedMessage {
  const { site } = occurrence;
  switch (site.kind) {
    case 'loop':
      if (!estimate) return relatedMessage('this loop');
      return estimate.variables.length > 0
        ? relatedMessage('this loop runs about {steps} steps ({sizes})', { steps: estimate.steps, sizes: sizesText(estimate) })
        : relatedMessage('this loop runs about {steps} steps', { steps: estimate.steps });
    case 'endless-loop':
      return relatedMessage('this loop has no exit and no await');
    case 'busy-wait':
      return relatedMessage('this loop busy-waits on the clock');
    case 'recursion': {
      if (!estimate) return relatedMessage('this recursion');
      const name = functionName(site.fn);
      return name
        ? relatedMessage('{function} makes about {steps} calls ({sizes})', { function: name, steps: estimate.steps, sizes: sizesText(estimate) })
        : relatedMessage('this function makes about {steps} calls ({sizes})', { steps: estimate.steps, sizes: sizesText(estimate) });
    }
    case 'blocking-call':
      return relatedMessage('{call} blocks the event loop here', { call: codeText(site.node.getText()) });
  }
}

/** Where to point at a heavy node: a loop's keyword, a recursive function's name, a call itself. */
export function siteMarker(node: Node): Node {
  if (Node.isForStatement(node) || Node.isForOfStatement(node) || Node.isForInStatement(node) || Node.isWhileStatement(node) || Node.isDoStatement(node)) {
    return (
      node.getFirstChildByKind(
        node.isKind(SyntaxKind.DoStatement) ? SyntaxKind.DoKeyword : node.isKind(SyntaxKind.WhileStatement) ? SyntaxKind.WhileKeyword : SyntaxKind.ForKeyword,
      ) ?? node
    );
  }
  if (Node.isCallExpression(node)) {
    // `users.map(...)` is a loop: marked by its method, like a loop by its keyword.
    return iterationLevel(node) || node.getText().includes('\n') ? node.getExpression() : node;
  }
  if (Node.isFunctionDeclaration(node) || Node.isMethodDeclaration(node)) return node.getNameNode() ?? node;
  return node;
}
