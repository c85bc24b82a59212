// Paragraphs of a card broken to fit a terminal. English breaks at spaces; Japanese has none,
// so a line may also break between two characters where either is East Asian wide. A line
// never starts with closing punctuation (、。）), and a word longer than a line stays whole.
import { displayWidth } from './codeText';

const NO_LINE_START = new Set([...'、。，．）」』】！？']);

/** `text` in lines of at most `width` columns (display width), its own line breaks kept. */
export function wrapText(text: string, width: number): string[] {
  return text.split('\n').flatMap((line) => wrapLine(line, width));
}

function wrapLine(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  let space = '';
  for (const unit of units(text)) {
    if (unit.trim() === '') {
      if (line !== '') space = unit;
      continue;
    }
    const fits = displayWidth(line + space + unit) <= width;
    if (line !== '' && !fits && !NO_LINE_START.has(unit)) {
      lines.push(line);
      line = unit;
    } else {
      line += space + unit;
    }
    space = '';
  }
  return [...lines, line];
}

/** Runs of spaces, runs of other narrow characters (words), and wide characters one by one: the pieces a line is made of. */
function units(text: string): string[] {
  const kind = (char: string): 'space' | 'wide' | 'narrow' => (char === ' ' ? 'space' : displayWidth(char) === 2 ? 'wide' : 'narrow');
  const out: string[] = [];
  let previous: 'space' | 'wide' | 'narrow' | undefined;
  for (const char of text) {
    const current = kind(char);
    if (current === previous && current !== 'wide') out[out.length - 1] += char;
    else out.push(char);
    previous = current;
  }
  return out;
}
