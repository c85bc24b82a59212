// The caveat both await cards owe the reader before they suggest `Promise.all`.
import * as l10n from '@vscode/l10n';
import type { CodeSpan } from '../card';

export function promiseAllCaveat(code: CodeSpan): string {
  return l10n.t(
    '{0} starts every call at once, so a later call runs even when an earlier one fails. It rejects with the first failure and does not cancel the others; when you need every outcome, use {1}.',
    code('Promise.all'),
    code('Promise.allSettled'),
  );
}
