// A card as structured content. Card modules build one of these from a finding's facts;
// `markdown.ts` writes it for hovers and the Kitchen view and `plainText.ts` for the
// terminal, so a card never has to know where it is shown.
import type { Finding } from '../core';

export type Block =
  /** The kitchen analogy: set apart from the technical text (a quote in Markdown). */
  | { kind: 'analogy'; text: string }
  | { kind: 'paragraph'; text: string }
  /** A short heading for the part that follows ("The fix", "Before you change it"). */
  | { kind: 'heading'; text: string }
  | { kind: 'list'; items: string[] }
  /**
   * Preformatted lines whose columns must stay aligned, like the timeline picture; with a
   * drawing of the same picture, which the Kitchen view shows as a graphic instead.
   */
  | { kind: 'picture'; lines: string[]; drawing?: Drawing }
  | { kind: 'code'; language: 'ts'; lines: string[] };

/** The calls of one await picture, run one after another and together (see `timeline.ts`). */
export interface WaitsDrawing {
  kind: 'waits';
  lanes: Array<{ label: string; length: number }>;
  oneAfterAnother: string;
  together: string;
  /** A line under the picture ("The first 6 of the 9 calls are drawn."). */
  caption?: string;
  /** The key's words for a bar and for the time before a call starts. */
  legend: { running: string; notStarted: string };
}

/** Tasks side by side, one lane each, time going down: the race and deadlock schedules. */
export interface ScheduleDrawing {
  kind: 'schedule';
  /** Each lane's heading: `Task 1: withdraw()`. */
  lanes: string[];
  /** What happens, in order, each in one lane; a wait lasts until its lane's next step, or for ever. */
  steps: Array<{ lane: number; text: string; wait?: true }>;
  /** Under a wait that never ends: `(stuck)`. */
  stuck?: string;
}

export type Drawing = WaitsDrawing | ScheduleDrawing;

export interface Card {
  title: string;
  /** The analogy in one sentence, for the hover; the `analogy` block tells it in full. */
  gist: string;
  /** The fix in one sentence, for the hover; the blocks after "The fix" work it through. */
  remedy: string;
  /** The whole card, for the Kitchen view and the terminal. */
  blocks: Block[];
  /** The rule whose documentation the card links to at the end. */
  ruleId: string;
}

/**
 * Formats a piece of the user's code inside a sentence: a code span in Markdown, the bare
 * text in a terminal. Cards pass every user name through it before handing it to `l10n.t`.
 */
export type CodeSpan = (text: string) => string;

/** What every card module exports: facts of one kind in, a card out. */
export type CardBuilder<Facts> = (facts: Facts, finding: Finding, code: CodeSpan) => Card;
