// Draws a card's picture as SVG for the Kitchen view: the await waterfall, the user's calls
// one after another (as the code runs them) above the same calls started together. Colours
// come from classes that the view's style sheet maps to theme variables, so light, dark and
// high-contrast themes all read well; no style attributes, which the view's content security
// policy would refuse. The markup has no blank line: Markdown would end the HTML block there.
import type { Drawing, ScheduleDrawing, WaitsDrawing } from './card';
import { shortenCode } from './codeText';

const WIDTH = 440;
const ROW = 24;
const BAR = 14;
const HEADING = 26;
const GAP = 12;
/** Width of one character of a label, in the 12 px monospace font the labels use. */
const CHAR = 7.4;
const LABEL_CHARS = 26;
const LEGEND = 22;
/** The schedule's column of step numbers, and the height of one step. */
const STEP_COLUMN = 20;
const STEP_ROW = 30;
/** Width of one character of a step, in the 12 px interface font: an average, for cutting long steps. */
const PROSE_CHAR = 6.6;

/** `drawing` as an accessible SVG figure; `id` keeps the title and description of two drawings on one page apart. */
export function drawingSvg(drawing: Drawing, id: string): string {
  return drawing.kind === 'waits' ? waitsSvg(drawing, id) : scheduleSvg(drawing, id);
}

function waitsSvg(drawing: WaitsDrawing, id: string): string {
  const labels = drawing.lanes.map((lane) => shortenCode(lane.label, LABEL_CHARS));
  const labelWidth = Math.ceil(Math.max(...labels.map((label) => label.length)) * CHAR) + 16;
  const barsWidth = WIDTH - labelWidth - 8;
  const total = drawing.lanes.reduce((sum, lane) => sum + lane.length, 0);
  const scale = barsWidth / total;
  const sectionHeight = HEADING + drawing.lanes.length * ROW;
  const legendTop = 2 * sectionHeight + GAP;
  const height = legendTop + LEGEND;

  const section = (top: number, heading: string, staircase: boolean): string[] => {
    const parts = [`<text class="ks-heading" x="0" y="${top + 17}">${escapeXml(heading)}</text>`];
    let start = 0;
    drawing.lanes.forEach((lane, index) => {
      const y = top + HEADING + index * ROW;
      const from = staircase ? start : 0;
      parts.push(`<text class="ks-label" x="0" y="${y + 15}">${escapeXml(labels[index])}</text>`);
      if (from > 0) parts.push(rect('ks-waiting', labelWidth, y + 4, from * scale, BAR));
      parts.push(rect('ks-running', labelWidth + from * scale, y + 4, lane.length * scale, BAR));
      start += lane.length;
    });
    return parts;
  };

  const title = `${drawing.oneAfterAnother} / ${drawing.together}`;
  const description = drawing.lanes.map((lane) => lane.label).join(', ');
  return figure(
    id,
    title,
    description,
    height,
    [...section(0, drawing.oneAfterAnother, true), ...section(sectionHeight + GAP, drawing.together, false), ...legend(drawing, labelWidth, legendTop)],
    drawing.caption,
  );
}

/**
 * One lane per task, time going down a numbered row at a time: a step is a box in its task's
 * lane, a wait a dashed box that lasts until the task's next step, or to the bottom and
 * beyond, marked stuck.
 */
function scheduleSvg(drawing: ScheduleDrawing, id: string): string {
  const laneWidth = (WIDTH - STEP_COLUMN) / drawing.lanes.length;
  const rows = drawing.steps.length + (drawing.stuck ? 1 : 0);
  const height = HEADING + rows * STEP_ROW;
  const top = (row: number): number => HEADING + row * STEP_ROW;
  const left = (lane: number): number => STEP_COLUMN + lane * laneWidth;
  const chars = Math.floor((laneWidth - 16) / PROSE_CHAR);
  const parts = drawing.lanes.map((lane, index) => `<text class="ks-heading" x="${round(left(index) + 4)}" y="17">${escapeXml(shorten(lane, chars))}</text>`);
  drawing.steps.forEach((step, row) => {
    const next = drawing.steps.findIndex((other, index) => index > row && other.lane === step.lane);
    const until = step.wait ? (next < 0 ? rows : next) : row + 1;
    parts.push(`<text class="ks-key" x="0" y="${top(row) + 19}">${row + 1}</text>`);
    parts.push(rect(step.wait ? 'ks-waiting' : 'ks-step', left(step.lane) + 2, top(row) + 3, laneWidth - 8, (until - row) * STEP_ROW - 6));
    parts.push(`<text class="ks-step-text" x="${round(left(step.lane) + 10)}" y="${top(row) + 19}">${escapeXml(shorten(step.text, chars))}</text>`);
    if (step.wait && next < 0 && drawing.stuck) {
      parts.push(`<text class="ks-key" x="${round(left(step.lane) + 10)}" y="${top(rows - 1) + 19}">${escapeXml(drawing.stuck)}</text>`);
    }
  });
  const title = drawing.lanes.join(' / ');
  const description = drawing.steps.map((step, row) => `${row + 1}. ${drawing.lanes[step.lane]}: ${step.text}`).join('; ');
  return figure(id, title, description, height, parts);
}

function figure(id: string, title: string, description: string, height: number, parts: readonly string[], caption?: string): string {
  const svg = [
    `<svg role="img" aria-labelledby="${id}-title ${id}-desc" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" xmlns="http://www.w3.org/2000/svg">`,
    `<title id="${id}-title">${escapeXml(title)}</title>`,
    `<desc id="${id}-desc">${escapeXml(description)}</desc>`,
    ...parts,
    '</svg>',
  ];
  const captionLine = caption ? [`<figcaption>${escapeXml(caption)}</figcaption>`] : [];
  return ['<figure class="ks-drawing">', ...svg, ...captionLine, '</figure>'].join('\n');
}

/** Prose cut to fit a lane, with an ellipsis. */
function shorten(text: string, chars: number): string {
  return text.length <= chars ? text : `${text.slice(0, Math.max(1, chars - 1))}…`;
}

/** The key under the lanes: a bar is a call running, a dashed box the time before it starts. */
function legend(drawing: WaitsDrawing, left: number, top: number): string[] {
  const running = drawing.legend.running;
  const notStartedAt = left + 24 + Math.ceil(running.length * CHAR) + 20;
  return [
    rect('ks-running', left, top + 6, 18, 10),
    `<text class="ks-key" x="${left + 24}" y="${top + 15}">${escapeXml(running)}</text>`,
    rect('ks-waiting', notStartedAt, top + 6, 18, 10),
    `<text class="ks-key" x="${notStartedAt + 24}" y="${top + 15}">${escapeXml(drawing.legend.notStarted)}</text>`,
  ];
}

function rect(className: string, x: number, y: number, width: number, height: number): string {
  return `<rect class="${className}" x="${round(x)}" y="${y}" width="${round(Math.max(width, 1))}" height="${height}" rx="2"/>`;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
