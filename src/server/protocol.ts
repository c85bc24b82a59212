// What the client and the server agree on. The client bundles this file, so it must stay
// free of imports: anything it pulled in would land in the extension host.

/** The settings section both sides read (`kitchenSync.enable`, `kitchenSync.rules.<id>`, ...). */
export const CONFIGURATION_SECTION = 'kitchenSync';

/** `diagnostic.source` of every Kitchen Sync diagnostic. */
export const DIAGNOSTIC_SOURCE = 'kitchen-sync';

/** Code action kind for fix-all-on-save: `"editor.codeActionsOnSave": { "source.fixAll.kitchen-sync": "explicit" }`. */
export const FIX_ALL_CODE_ACTION_KIND = 'source.fixAll.kitchen-sync';

export const Commands = {
  /** Opens a rule's documentation page; arguments: `[url]`. Registered by the client, not the server. */
  showRuleDocumentation: 'kitchenSync.showRuleDocumentation',
  restartServer: 'kitchenSync.restartServer',
  showOutputChannel: 'kitchenSync.showOutputChannel',
  /** Opens a finding's whole card in the Kitchen view; arguments: `[CardTarget]`. Linked from every hover. */
  openCard: 'kitchenSync.openCard',
} as const;

/** Requests the client sends the server, beyond the protocol's own. */
export const Requests = {
  /** `CardTarget` in, `WholeCard | null` out: null when the finding is no longer there. */
  wholeCard: 'kitchenSync/wholeCard',
} as const;

/** One finding, as the hover names it: the document, the rule and where the finding starts. */
export interface CardTarget {
  uri: string;
  ruleId: string;
  line: number;
  character: number;
}

/** A finding's whole card, in the display language the server was started with. */
export interface WholeCard {
  title: string;
  markdown: string;
}

export interface InitializationOptions {
  /** VS Code's display language (`vscode.env.language`), e.g. `en`, `ja`. */
  locale?: string;
  /**
   * Quiet time after the last edit before a document is analysed again, in milliseconds.
   * Only tests and the latency benchmark change it.
   */
  debounceMs?: number;
}
