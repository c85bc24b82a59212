// The cook stuck chopping: work that holds the event loop (`blocking-loop`, `blocking-call`).
import * as l10n from '@vscode/l10n';
import type { Finding } from '../../core';
import type { BlockingWorkFacts } from '../../core/explanationFacts';
import type { Block, CardBuilder, CodeSpan } from '../card';
import { shortenCode } from '../codeText';

const PROSE_WIDTH = 60;
/** The data size the card uses to make an estimate concrete. */
const EXAMPLE_SIZE = 10_000;

export const blockingWorkCard: CardBuilder<BlockingWorkFacts> = (facts, finding, code) => {
  const heavy = code(shortenCode(facts.heavy, PROSE_WIDTH));
  const entry = code(facts.entry);
  const blocks: Block[] = [
    { kind: 'analogy', text: analogy(facts, code) },
    { kind: 'paragraph', text: whereItRuns(facts, heavy, entry, code) },
    { kind: 'paragraph', text: whatItDoes(facts) },
  ];
  const estimate = estimateParagraph(facts, code);
  if (estimate) blocks.push({ kind: 'paragraph', text: estimate });
  // A size the request carries is the sender's to choose, so the work is as long as they like.
  if (facts.estimate?.variables.some((v) => v.request)) {
    blocks.push({ kind: 'paragraph', text: l10n.t('A client chooses that size: one request can hold the event loop for as long as it likes.') });
  }
  blocks.push(
    { kind: 'heading', text: l10n.t('CPU-bound or I/O-bound?') },
    {
      kind: 'list',
      items: [
        l10n.t(
          'I/O-bound work waits for something (the disk, the network, a database, a child process), like a cook waiting for the microwave. Use the asynchronous API with {0}: the cook takes other orders until it beeps.',
          code('await'),
        ),
        l10n.t(
          'CPU-bound work keeps the hands busy (loops, hashing, compression, parsing), like chopping. {0} alone does not help. Give it to another cook ({1}) or another kitchen (a child process), or cut it into small pieces with a break in between.',
          code('await'),
          code('worker_threads'),
        ),
      ],
    },
    { kind: 'paragraph', text: facts.bound === 'io' ? l10n.t('This one is I/O-bound.') : l10n.t('This one is CPU-bound.') },
    { kind: 'heading', text: l10n.t('The fix') },
    ...fixBlocks(facts, finding.fixes, code),
  );
  return { title: title(facts), gist: gist(facts), remedy: remedy(facts, code), blocks, ruleId: finding.ruleId };
};

function title(facts: BlockingWorkFacts): string {
  switch (facts.kind) {
    case 'loop':
      return l10n.t('This loop keeps the event loop busy');
    case 'endless-loop':
      return l10n.t('This loop never lets go of the event loop');
    case 'busy-wait':
      return l10n.t('This loop waits by keeping the event loop busy');
    case 'recursion':
      return l10n.t('This recursion keeps the event loop busy');
    case 'blocking-call':
      return l10n.t('This call blocks the event loop');
  }
}

function gist(facts: BlockingWorkFacts): string {
  if (facts.kind === 'busy-wait') return l10n.t('The one cook watches the clock instead of setting a timer, and takes no order meanwhile.');
  if (facts.kind === 'endless-loop') return l10n.t('The one cook has started chopping and will never stop.');
  if (facts.bound === 'io') return l10n.t('The one cook stares at the oven door until the bread is done, and every other guest waits.');
  return l10n.t('The one cook chops carrots for twenty minutes: the microwave beeps unanswered, and no guest is served.');
}

function remedy(facts: BlockingWorkFacts, code: CodeSpan): string {
  switch (facts.kind) {
    case 'blocking-call':
      return facts.alternative
        ? l10n.t('Use {0} with {1}.', code(facts.alternative), code('await'))
        : l10n.t('Use the asynchronous version of this API with {0}, or run it on a worker thread.', code('await'));
    case 'busy-wait':
      return l10n.t('Wait with a timer instead: the cook sets it and takes other orders until it rings.');
    case 'endless-loop':
      return l10n.t('Give the loop a way out, or {0} inside it so that other work can run.', code('await'));
    case 'recursion':
      return l10n.t('Remember the results already computed, or compute bottom-up in a loop.');
    case 'loop':
      if (facts.copiedSearch) return l10n.t('Ask the collection itself ({0} on a Map or Set) instead of copying it before every search.', code('has'));
      if (facts.innerSearch) return l10n.t('Build a {0} or {1} once, so that each search of the inner loop takes one step.', code('Map'), code('Set'));
      return l10n.t('Give the work to a worker thread, or cut it into pieces with a pause between them.');
  }
}

function analogy(facts: BlockingWorkFacts, code: CodeSpan): string {
  if (facts.kind === 'busy-wait') {
    return l10n.t(
      'JavaScript runs on one cook. This cook waits for the water to boil by staring at the clock, over and over, instead of setting a timer. Meanwhile no order is taken and nothing else is cooked.',
    );
  }
  if (facts.kind === 'endless-loop') {
    return l10n.t('JavaScript runs on one cook. This cook has started chopping and never stops: nothing else in the kitchen will ever happen again.');
  }
  if (facts.bound === 'io') {
    return l10n.t(
      'JavaScript runs on one cook. This cook stands staring at the oven door until the bread is done, instead of taking the next order. Every other guest waits until the bread is out.',
    );
  }
  return l10n.t(
    'JavaScript runs on one cook. While that cook spends twenty minutes chopping carrots, the microwave beeps unanswered, orders pile up at the pass, and no guest is served. {0} does not help: the cook never stops to check.',
    code('await'),
  );
}

function whereItRuns(facts: BlockingWorkFacts, heavy: string, entry: string, code: CodeSpan): string {
  if (facts.chain.length === 0) return l10n.t('In {0}, {1} runs on the event loop.', entry, heavy);
  return l10n.t('In {0}, the call {1} runs {2} on the event loop.', entry, code(shortenCode(facts.chain.join(' → '), PROSE_WIDTH)), heavy);
}

function whatItDoes(facts: BlockingWorkFacts): string {
  switch (facts.kind) {
    case 'endless-loop':
      return l10n.t('Nothing in the loop ends it and it never awaits, so the event loop is never handed back: the program stops responding.');
    case 'busy-wait':
      return l10n.t('It checks the clock again and again until the time is up; the thread can do nothing else meanwhile.');
    case 'blocking-call':
      return facts.bound === 'io'
        ? l10n.t('It waits for the disk or another process, and the whole thread waits with it: no other request, timer or event is handled until it returns.')
        : l10n.t('It computes on the thread that runs all your JavaScript: no other request, timer or event is handled until it returns.');
    default:
      return l10n.t('Until it finishes, no other request, timer or event is handled.');
  }
}

/** "About n^2 steps, where n = pts.length (from loadPoints()). With n = 10,000 that is 100,000,000 steps." */
function estimateParagraph(facts: BlockingWorkFacts, code: CodeSpan): string | undefined {
  const estimate = facts.estimate;
  if (!estimate) return undefined;
  const names = estimate.variables.map((v) => {
    if (v.passes) return l10n.t('{0} = the number of passes of {1}', code(v.symbol), code(shortenCode(v.expression, PROSE_WIDTH)));
    if (v.request && v.origin)
      return l10n.t('{0} = {1}, from {2}, which the client sends', code(v.symbol), code(v.expression), code(shortenCode(v.origin, PROSE_WIDTH)));
    if (v.request) return l10n.t('{0} = {1}, which the client sends', code(v.symbol), code(v.expression));
    if (v.origin) return l10n.t('{0} = {1}, from {2}', code(v.symbol), code(v.expression), code(shortenCode(v.origin, PROSE_WIDTH)));
    return `${code(v.symbol)} = ${code(v.expression)}`;
  });
  const steps = code(estimate.steps);
  if (names.length === 0) return facts.kind === 'recursion' ? l10n.t('It makes about {0} calls.', steps) : l10n.t('It takes about {0} steps.', steps);
  if (facts.kind === 'recursion') return l10n.t('It makes about {0} calls, where {1}.', steps, names.join(', '));
  const example = exampleCount(estimate.steps);
  return example
    ? l10n.t(
        'It takes about {0} steps, where {1}. With {2} elements that is {3} steps.',
        steps,
        names.join(', '),
        EXAMPLE_SIZE.toLocaleString('en-US'),
        example,
      )
    : l10n.t('It takes about {0} steps, where {1}.', steps, names.join(', '));
}

/** `n^2` or `n × m` with every size at EXAMPLE_SIZE, when the estimate is a product of sizes. */
function exampleCount(steps: string): string | undefined {
  if (!/^(\d[\d,]* × )?[a-z](\^\d)?( × [a-z](\^\d)?)*$/.test(steps)) return undefined;
  let total = 1;
  for (const term of steps.split(' × ')) {
    if (/^\d/.test(term)) total *= Number(term.replace(/,/g, ''));
    else total *= EXAMPLE_SIZE ** Number(term.split('^')[1] ?? 1);
  }
  return total.toLocaleString('en-US');
}

function fixBlocks(facts: BlockingWorkFacts, fixes: Finding['fixes'], code: CodeSpan): Block[] {
  const blocks: Block[] = [];
  const preferred = fixes.find((fix) => fix.isPreferred);
  switch (facts.kind) {
    case 'blocking-call':
      if (facts.alternative && facts.chain.length === 0) {
        blocks.push({
          kind: 'paragraph',
          text:
            facts.bound === 'io'
              ? l10n.t('Use {0} with {1}: the cook puts the bread in and takes the next order until the oven beeps.', code(facts.alternative), code('await'))
              : l10n.t(
                  'Use {0} with {1}: Node runs it on its own thread pool, so another cook does the work while this one keeps serving.',
                  code(facts.alternative),
                  code('await'),
                ),
        });
        if (preferred) blocks.push({ kind: 'code', language: 'ts', lines: preferred.edits[0].newText.split('\n') });
      } else if (facts.alternative) {
        blocks.push({
          kind: 'paragraph',
          text: l10n.t(
            'Use {0} with {1} where the call is made, and make the functions between it and {2} async too.',
            code(facts.alternative),
            code('await'),
            code(facts.entry),
          ),
        });
      } else {
        blocks.push({ kind: 'paragraph', text: l10n.t('Use the asynchronous version of this API with {0}, or run it on a worker thread.', code('await')) });
      }
      break;
    case 'busy-wait':
      blocks.push(
        { kind: 'paragraph', text: l10n.t('Wait with a timer instead: the cook sets it and takes other orders until it rings.') },
        { kind: 'code', language: 'ts', lines: ["import { setTimeout as sleep } from 'node:timers/promises';", '', 'await sleep(ms);'] },
      );
      break;
    case 'endless-loop':
      blocks.push({
        kind: 'paragraph',
        text: l10n.t(
          'Give the loop a way out (a condition that becomes false, or a {0}), or {1} inside it so other work can run between rounds.',
          code('break'),
          code('await'),
        ),
      });
      break;
    case 'recursion':
      blocks.push({
        kind: 'paragraph',
        text: l10n.t(
          'Remember the results already computed (memoisation, a {0}), or compute bottom-up in a loop: the work then grows with n instead of 2^n.',
          code('Map'),
        ),
      });
      break;
    case 'loop':
      blocks.push({
        kind: 'paragraph',
        text: facts.copiedSearch
          ? l10n.t(
              '{0} copies the whole collection before every search. Ask the collection itself ({1} on a Map or Set), or keep what you search for in a {2} beside it and ask that: each search then takes one step.',
              code(shortenCode(facts.copiedSearch, PROSE_WIDTH)),
              code('has'),
              code('Set'),
            )
          : facts.innerSearch
            ? l10n.t(
                'Often the inner loop is a search: a {0} or {1} built once turns each search into one step, and n × m steps into n + m.',
                code('Map'),
                code('Set'),
              )
            : l10n.t(
                'This loop computes rather than looks things up, so an index does not help. Give the work to another cook (a worker thread), or cut it into pieces with a pause between them so that other work gets a turn.',
              ),
      });
      break;
  }
  if (facts.workerFunction) {
    blocks.push({
      kind: 'paragraph',
      text: l10n.t(
        'Quick fix "Move to a worker thread": {0} moves to a worker module and is awaited from here. Another cook chops while this one keeps serving.',
        code(facts.workerFunction),
      ),
    });
  }
  if (fixes.some((fix) => fix.title.startsWith('Yield'))) {
    blocks.push({
      kind: 'paragraph',
      text: l10n.t(
        'Quick fix "Yield to the event loop": the loop pauses every 1,000 iterations so that waiting requests get a turn. Other code then runs between the pieces: make sure it cannot change the data the loop is working on.',
      ),
    });
  }
  return blocks;
}
