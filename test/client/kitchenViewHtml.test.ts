// The Kitchen view's page: the card's HTML inside a page that runs no script and takes its
// colours from the theme.
import * as assert from 'node:assert/strict';
import { kitchenViewHtml } from '../../src/client/kitchenViewHtml';

const page = {
  title: 'These awaits could run together',
  bodyHtml: '<h3>These awaits could run together</h3>\n<p>In <code>loadCheckoutPage</code></p>',
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  nonce: 'bm9uY2U=',
  language: 'ja',
};

describe('Kitchen view page', () => {
  it('allows its own style sheet and images, and no script at all', () => {
    const html = kitchenViewHtml(page);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];
    assert.equal(csp, 'default-src &#39;none&#39;; img-src https://file+.vscode-resource.vscode-cdn.net https: data:; style-src &#39;nonce-bm9uY2U=&#39;;');
    assert.ok(html.includes('<style nonce="bm9uY2U=">'), html);
    assert.ok(!/<script/i.test(html), html);
  });

  it('holds the card, in the display language, under its title', () => {
    const html = kitchenViewHtml(page);
    assert.ok(html.includes('<html lang="ja">'), html);
    assert.ok(html.includes('<title>These awaits could run together</title>'), html);
    assert.ok(html.includes(`<main>\n${page.bodyHtml}\n</main>`), html);
  });

  it('escapes a title, so a name from the code cannot open a tag', () => {
    const html = kitchenViewHtml({ ...page, title: 'Lock <T> & "x"' });
    assert.ok(html.includes('<title>Lock &#60;T&#62; &#38; &#34;x&#34;</title>'), html);
  });

  it('colours everything from the theme: no colour is written down', () => {
    const style = /<style[^>]*>([\s\S]*)<\/style>/.exec(kitchenViewHtml(page))?.[1] ?? '';
    assert.ok(style.includes('var(--vscode-foreground)'), style);
    assert.ok(!/#[0-9a-f]{3,6}\b|rgb\(/i.test(style), style);
  });

  it("styles every class the drawings use, with the theme's colours", () => {
    const style = /<style[^>]*>([\s\S]*)<\/style>/.exec(kitchenViewHtml(page))?.[1] ?? '';
    for (const name of ['ks-drawing', 'ks-heading', 'ks-label', 'ks-key', 'ks-running', 'ks-step', 'ks-step-text', 'ks-waiting'])
      assert.ok(style.includes(`.${name}`), name);
    assert.ok(/\.ks-running \{ fill: var\(--vscode-charts-blue\)/.test(style), style);
  });
});
