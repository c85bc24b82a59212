// The potato salad, one potato at a time: a loop that awaits each independent pass.
import * as l10n from '@vscode/l10n';
import type { AwaitInLoopFacts } from '../../core/explanationFacts';
import type { Block, CardBuilder } from '../card';
import { shortenCode } from '../codeText';
import { waitsBlock } from '../timeline';
import { promiseAllCaveat } from './promiseAllCaveat';

/** Code longer than this is cut in sentences. */
const CALL_WIDTH = 80;
const PASS_LENGTH = 6;

export const awaitInLoopCard: CardBuilder<AwaitInLoopFacts> = (facts, finding, code) => {
  const call = code(shortenCode(facts.call, CALL_WIDTH));
  const iterable = code(shortenCode(facts.iterable, CALL_WIDTH));
  const hasQuickFix = finding.fixes.some((fix) => fix.isPreferred);
  const blocks: Block[] = [
    {
      kind: 'analogy',
      text: l10n.t(
        'A cook heats the potatoes one at a time: one potato in the microwave, stare at it until it beeps, then the next one. The microwave had room for all of them.',
      ),
    },
    {
      kind: 'paragraph',
      text: l10n.t('Each pass of the loop over {0} waits for {1} before the next pass starts, yet no pass uses what another one produced.', iterable, call),
    },
    {
      kind: 'paragraph',
      text: facts.count
        ? l10n.t(
            'With n = {0}, that is about n × t one after another, and about t together, where t is how long one {1} takes.',
            code(shortenCode(facts.count, CALL_WIDTH)),
            call,
          )
        : l10n.t('With n passes, that is about n × t one after another, and about t together, where t is how long one {0} takes.', call),
    },
    // Three passes and a fourth lane for "and so on": enough to see the staircase.
    waitsBlock([...[1, 2, 3].map(() => ({ label: facts.call, length: PASS_LENGTH })), { label: '...', length: PASS_LENGTH }], {
      oneAfterAnother: l10n.t('One after another, as now: about n × t'),
      together: l10n.t('Together: about t'),
    }),
    { kind: 'heading', text: l10n.t('Before you change it') },
    {
      kind: 'list',
      items: [
        promiseAllCaveat(code),
        l10n.t(
          'Keep the loop where a pass needs the one before it (a page cursor, a running total, a retry): you cannot mash potatoes that are not cooked yet.',
        ),
        l10n.t(
          'Side effects in the loop body, such as log lines or writes, no longer happen in order. The results of {0} still come back in the original order.',
          code('Promise.all'),
        ),
      ],
    },
    { kind: 'heading', text: l10n.t('The fix') },
  ];
  if (facts.fromRequest) {
    blocks.push({
      kind: 'paragraph',
      text: l10n.t(
        'The microwave only holds so many potatoes, and here the customer decides how many go in: {0} comes from the request, so whoever sends it sets how many times {1} runs. Starting them all at once would let one request fire as many calls as it likes. Start a few at a time instead: take the items in chunks of, say, 10 with one {2} per chunk, or put the calls behind a small concurrency limiter.',
        iterable,
        call,
        code('Promise.all'),
      ),
    });
    if (hasQuickFix && facts.limiter) {
      blocks.push({
        kind: 'paragraph',
        text: l10n.t(
          'The quick fix does that with {0}, the limiter this package already uses: at most 10 calls run at once, a new one starts as soon as one finishes, and the results keep their original order.',
          code(facts.limiter),
        ),
      });
    } else if (hasQuickFix) {
      blocks.push({
        kind: 'paragraph',
        text: l10n.t(
          'The quick fix does that: it starts the calls in chunks, one {0} per chunk, and keeps the results in their original order.',
          code('Promise.all'),
        ),
      });
    }
  } else if (facts.unbounded) {
    blocks.push({
      kind: 'paragraph',
      text: l10n.t(
        'The microwave only holds so many potatoes. {0} has no clear upper bound, so firing every call at once could overwhelm whatever answers {1}, or hit its rate limit. Start a few at a time instead: take the items in chunks of, say, 10 with one {2} per chunk, or put the calls behind a small concurrency limiter.',
        facts.count ? code(shortenCode(facts.count, CALL_WIDTH)) : iterable,
        call,
        code('Promise.all'),
      ),
    });
    if (hasQuickFix) {
      blocks.push({
        kind: 'paragraph',
        text: l10n.t('The quick fix starts every call at once: fine for a short list, but for this one prefer chunks or a limiter.'),
      });
    }
  } else {
    blocks.push({
      kind: 'paragraph',
      text: l10n.t(
        'Start every pass at once and wait for them together: turn each pass into a promise with {0} and await them all with {1}.',
        code('items.map(async (item) => ...)'),
        code('Promise.all'),
      ),
    });
    if (hasQuickFix) {
      blocks.push({ kind: 'paragraph', text: l10n.t('The quick fix makes this change for you and keeps the results in their original order.') });
    }
  }
  return {
    title: l10n.t('Each pass of this loop waits for the one before'),
    gist: l10n.t('Potatoes heated one at a time, in a microwave that had room for them all.'),
    remedy:
      facts.fromRequest || facts.unbounded
        ? l10n.t('Start a few passes at a time: chunks with one {0} each, or a concurrency limiter.', code('Promise.all'))
        : l10n.t('Start every pass at once and wait for them together with {0}.', code('Promise.all')),
    blocks,
    ruleId: finding.ruleId,
  };
};
