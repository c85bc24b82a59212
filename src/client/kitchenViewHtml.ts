// The page of the Kitchen view: a whole card, rendered from Markdown by VS Code's own Markdown
// engine, styled with the theme's colours so light, dark and high-contrast themes all read well.
// No script runs in it: the content security policy allows only the one inline style sheet.

export interface KitchenViewPage {
  title: string;
  /** The card as HTML, from the `markdown.api.render` command. */
  bodyHtml: string;
  /** `webview.cspSource`: where the webview may load images from. */
  cspSource: string;
  /** A fresh random value per page, so only our style sheet applies. */
  nonce: string;
  /** The card's language, for the page's `lang` (screen readers, line breaking in Japanese). */
  language: string;
}

export function kitchenViewHtml(page: KitchenViewPage): string {
  const csp = `default-src 'none'; img-src ${page.cspSource} https: data:; style-src 'nonce-${page.nonce}';`;
  return `<!DOCTYPE html>
<html lang="${escapeHtml(page.language)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(page.title)}</title>
<style nonce="${escapeHtml(page.nonce)}">${STYLE}</style>
</head>
<body>
<main>
${page.bodyHtml}
</main>
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** Theme variables only: a high-contrast theme sets the borders, the others the backgrounds. */
const STYLE = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); line-height: 1.55; padding: 0 20px 24px; }
main { max-width: 52em; }
h3 { font-size: 1.5em; margin: 0.9em 0 0.6em; }
a { color: var(--vscode-textLink-foreground); }
a:focus { outline: 1px solid var(--vscode-focusBorder); outline-offset: 2px; }
blockquote { margin: 0 0 1em; padding: 6px 14px; background: var(--vscode-textBlockQuote-background); border-left: 4px solid var(--vscode-textBlockQuote-border); }
blockquote p { margin: 0.3em 0; }
code { font-family: var(--vscode-editor-font-family); font-size: 0.95em; }
:not(pre) > code { padding: 1px 4px; border-radius: 3px; background: var(--vscode-textCodeBlock-background); }
pre code { background: none; padding: 0; }
pre { padding: 10px 14px; overflow-x: auto; line-height: 1.35; background: var(--vscode-textCodeBlock-background); border: 1px solid var(--vscode-contrastBorder, transparent); }
figure.ks-drawing { margin: 1em 0; padding: 10px 14px; background: var(--vscode-textCodeBlock-background); border: 1px solid var(--vscode-contrastBorder, transparent); }
figure.ks-drawing svg { display: block; width: 100%; max-width: 600px; height: auto; }
figure.ks-drawing figcaption { margin-top: 6px; color: var(--vscode-descriptionForeground); }
.ks-heading { font-family: var(--vscode-font-family); font-size: 13px; font-weight: 600; fill: var(--vscode-foreground); }
.ks-label { font-family: var(--vscode-editor-font-family); font-size: 12px; fill: var(--vscode-foreground); }
.ks-key { font-family: var(--vscode-font-family); font-size: 12px; fill: var(--vscode-descriptionForeground); }
.ks-running { fill: var(--vscode-charts-blue); stroke: var(--vscode-contrastBorder, none); }
.ks-step { fill: none; stroke: var(--vscode-charts-blue); stroke-width: 1.5; }
.ks-step-text { font-family: var(--vscode-font-family); font-size: 12px; fill: var(--vscode-foreground); }
.ks-waiting { fill: none; stroke: var(--vscode-descriptionForeground); stroke-dasharray: 3 3; stroke-width: 1; }
`;
