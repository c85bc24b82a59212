// Draws a card's picture as SVG for the Kitchen view: the await waterfall, the user's calls
// one after another (as the code runs them) above the same calls started together. Colours
// come from classes that the view's style sheet maps to theme variables, so light, dark and
// high-contrast themes all read well; no style attributes, which the view's content security
// policy would refuse. The markup has no blank line: Markdown would end the HTML block there.
import type { Drawing } from './card';
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

/** `drawing` as an accessible SVG figure; `id` keeps the title and description of two drawings on one page apart. */
export function drawingSvg(drawing: Drawing, id: string): string {
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
  const svg = [
    `<svg role="img" aria-labelledby="${id}-title ${id}-desc" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" xmlns="http://www.w3.org/2000/svg">`,
    `<title id="${id}-title">${escapeXml(title)}</title>`,
    `<desc id="${id}-desc">${escapeXml(description)}</desc>`,
    ...section(0, drawing.oneAfterAnother, true),
    ...section(sectionHeight + GAP, drawing.together, false),
    ...legend(drawing, labelWidth, legendTop),
    '</svg>',
  ];
  const caption = drawing.caption ? [`<figcaption>${escapeXml(drawing.caption)}</figcaption>`] : [];
  return ['<figure class="ks-drawing">', ...svg, ...caption, '</figure>'].join('\n');
}

/** The key under the lanes: a bar is a call running, a dashed box the time before it starts. */
function legend(drawing: Drawing, left: number, top: number): string[] {
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
