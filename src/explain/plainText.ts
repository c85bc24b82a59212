// Writes a card as plain text for a terminal (`kitchen-sync --explain`): no Markdown marks,
// user code as written, preformatted blocks indented as a whole so their columns stay aligned.
// Given a width (a terminal's), prose wraps to it; pictures and code never do.
import * as l10n from '@vscode/l10n';
import { docsUrl } from '../core';
import type { Block, Card, CodeSpan } from './card';
import { displayWidth } from './codeText';
import { wrapText } from './wrapText';

export const plainCodeSpan: CodeSpan = (text) => text;

export function toPlainText(card: Card, width?: number): string {
  let text = `${card.title}\n${'='.repeat(displayWidth(card.title))}\n`;
  card.blocks.forEach((block, index) => {
    // A heading sits directly on top of what it introduces.
    const separator = card.blocks[index - 1]?.kind === 'heading' ? '' : '\n';
    text += `${separator}${plainBlock(block, width)}\n`;
  });
  return `${text}\n${l10n.t('Rule documentation: {0}', docsUrl(card.ruleId))}\n`;
}

function plainBlock(block: Block, width: number | undefined): string {
  const wrap = (text: string, columns: number | undefined): string[] => (columns === undefined ? [text] : wrapText(text, columns));
  switch (block.kind) {
    case 'analogy':
    case 'paragraph':
    case 'heading':
      return wrap(block.text, width).join('\n');
    case 'list':
      // A hanging indent: an item's later lines start under its first word.
      return block.items
        .map((item) =>
          wrap(item, width === undefined ? undefined : width - 2)
            .map((line, i) => (i === 0 ? `- ${line}` : `  ${line}`))
            .join('\n'),
        )
        .join('\n');
    case 'picture':
    case 'code':
      return block.lines.map((line) => (line ? `    ${line}` : line)).join('\n');
  }
}
