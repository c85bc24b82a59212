// The "waits twice against waits once" picture shared by the await cards, drawn with the
// user's own calls. Labels are code (ASCII in practice) in one padded column; everything
// else in a lane is made of the two block glyphs, so the lanes stay aligned even in a
// terminal that draws those glyphs two columns wide.
import * as l10n from '@vscode/l10n';
import type { Block } from './card';
import { displayWidth, padEnd, shortenCode } from './codeText';

const RUNNING = '█';
const NOT_STARTED = '░';
const LABEL_WIDTH = 30;
/** The longest "one after another" lane, in glyphs; longer runs are scaled down to it. */
const MAX_SPAN = 32;

export interface Lane {
  /** The call, as the user wrote it. */
  label: string;
  /** How long the call takes, in glyphs: only the proportions matter. */
  length: number;
}

export interface WaitsHeadings {
  oneAfterAnother: string;
  together: string;
}

/**
 * Two charts of the same calls: as the code runs them now, each starting when the one
 * before has finished, and started together, where the whole wait is the longest call.
 */
export function waitsPicture(lanes: readonly Lane[], headings: WaitsHeadings): string[] {
  const total = lanes.reduce((sum, lane) => sum + lane.length, 0);
  const scale = Math.min(1, MAX_SPAN / total);
  const scaled = lanes.map((lane) => ({
    label: shortenCode(lane.label, LABEL_WIDTH),
    length: Math.max(2, Math.round(lane.length * scale)),
  }));
  const labelWidth = Math.max(...scaled.map((lane) => displayWidth(lane.label)));
  const row = (label: string, wait: number, run: number): string => `  ${padEnd(label, labelWidth)}  ${NOT_STARTED.repeat(wait)}${RUNNING.repeat(run)}`;

  let start = 0;
  const oneAfterAnother = scaled.map((lane) => {
    const line = row(lane.label, start, lane.length);
    start += lane.length;
    return line;
  });
  const together = scaled.map((lane) => row(lane.label, 0, lane.length));
  return [headings.oneAfterAnother, ...oneAfterAnother, headings.together, ...together, '', l10n.t('{0} running   {1} not started yet', RUNNING, NOT_STARTED)];
}

/** The picture as a card block: the text lanes, and the same lanes as a drawing for the Kitchen view. */
export function waitsBlock(lanes: readonly Lane[], headings: WaitsHeadings, caption?: string): Block {
  return {
    kind: 'picture',
    lines: [...waitsPicture(lanes, headings), ...(caption ? [caption] : [])],
    drawing: {
      kind: 'waits',
      lanes: [...lanes],
      ...headings,
      ...(caption ? { caption } : {}),
      legend: { running: l10n.t('running'), notStarted: l10n.t('not started yet') },
    },
  };
}
