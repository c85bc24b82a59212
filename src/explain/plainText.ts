// Writes a card as plain text for a terminal (`kitchen-sync --explain`): no Markdown marks,
// user code as written, preformatted blocks indented as a whole so their columns stay aligned.
import * as l10n from '@vscode/l10n';
import { docsUrl } from '../core';
import type { Block, Card, CodeSpan } from './card';
import { displayWidth } from './codeText';

export const plainCodeSpan: CodeSpan = (text) => text;

export function toPlainText(card: Card): string {
  let text = `${card.title}\n${'='.repeat(displayWidth(card.title))}\n`;
  card.blocks.forEach((block, index) => {
    // A heading sits directly on top of what it introduces.
    const separator = card.blocks[index - 1]?.kind === 'heading' ? '' : '\n';
    text += `${separator}${plainBlock(block)}\n`;
  });
  return `${text}\n${l10n.t('Rule documentation: {0}', docsUrl(card.ruleId))}\n`;
}

function plainBlock(block: Block): string {
  switch (block.kind) {
    case 'analogy':
    case 'paragraph':
    case 'heading':
      return block.text;
    case 'list':
      return block.items.map((item) => `- ${item}`).join('\n');
    case 'picture':
    case 'code':
      return block.lines.map((line) => (line ? `    ${line}` : line)).join('\n');
  }
}
