// Writes a card as Markdown: the whole card for the Kitchen view, its first layer for the
// hover. User code only ever appears in code spans and fenced blocks, each fenced with more
// backticks than the code itself contains, and in the drawings' SVG, escaped.
import * as l10n from '@vscode/l10n';
import { docsUrl } from '../core';
import type { Block, Card, CodeSpan } from './card';
import { drawingSvg } from './drawingSvg';

export const markdownCodeSpan: CodeSpan = (text) => {
  const fence = '`'.repeat(longestBacktickRun(text) + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
};

export function toMarkdown(card: Card): string {
  const parts = [`### ${card.title}`, ...card.blocks.map((block, index) => markdownBlock(block, `ks-drawing-${index}`))];
  parts.push(l10n.t('Rule documentation: {0}', `[${card.ruleId}](${docsUrl(card.ruleId)})`));
  return `${parts.join('\n\n')}\n`;
}

/**
 * The hover: what fits VS Code's hover box (about 250 px) without scrolling, below the
 * diagnostic's own message, which already says what happens in the user's names. The title,
 * the analogy in one sentence, the fix in one sentence, and links to the whole card and the
 * rule's documentation.
 */
export function toMarkdownSummary(card: Card, wholeCardLink: string): string {
  const links = `[${l10n.t('Open the whole card')}](${wholeCardLink}) · [${l10n.t('Rule documentation')}](${docsUrl(card.ruleId)})`;
  return `${[`### ${card.title}`, `> ${card.gist}`, l10n.t('**The fix:** {0}', card.remedy), links].join('\n\n')}\n`;
}

/** A block as Markdown; a picture with a drawing becomes that drawing, an SVG figure with `drawingId`. */
function markdownBlock(block: Block, drawingId: string): string {
  switch (block.kind) {
    case 'analogy':
      return `> ${block.text}`;
    case 'paragraph':
      return block.text;
    case 'heading':
      return `**${block.text}**`;
    case 'list':
      return block.items.map((item) => `- ${item}`).join('\n');
    case 'picture':
      return block.drawing ? drawingSvg(block.drawing, drawingId) : fenced('text', block.lines);
    case 'code':
      return fenced(block.language, block.lines);
  }
}

function fenced(language: string, lines: readonly string[]): string {
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(lines.join('\n')) + 1));
  return [`${fence}${language}`, ...lines, fence].join('\n');
}

function longestBacktickRun(text: string): number {
  return Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
}
