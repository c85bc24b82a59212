// The user's code shown inside a card: on one line, and short enough for a sentence or a
// column of the timeline. Widths are terminal columns, so CJK identifiers count double.

/** Columns a string takes in a monospace font: East Asian wide and fullwidth characters take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += isWide(char.codePointAt(0) ?? 0) ? 2 : 1;
  return width;
}

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

/** Pads `text` with spaces to `width` columns. */
export function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/**
 * The code on one line, at most `maxWidth` columns. A long call is cut at the end rather
 * than reduced to its callee: two calls to one function (`readFile('a.json')`,
 * `readFile('b.json')`) differ in their arguments, and the card must tell them apart.
 * Ellipses are ASCII, also those the rules put in, because `…` is two columns wide in some
 * East Asian terminals and would push a timeline lane out of line.
 */
export function shortenCode(code: string, maxWidth: number): string {
  const oneLine = code
    .replace(/…/g, '...')
    .replace(/\s+/g, ' ')
    .replace(/([([{]) /g, '$1')
    .replace(/ ([)\]}])/g, '$1')
    .trim();
  if (displayWidth(oneLine) <= maxWidth) return oneLine;
  let cut = '';
  for (const char of oneLine) {
    if (displayWidth(cut + char) > maxWidth - 3) break;
    cut += char;
  }
  return `${cut.trimEnd()}...`;
}
