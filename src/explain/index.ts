// Hover cards and localized messages, rendered from a finding's plain data.
// Front ends (the language server, the CLI) use only what this file exports.
export { inLocale, parseLocale, type Locale } from './localize';
export { localizedMessage, localizedText } from './localizedMessage';
export { cardTitle, renderCard, renderCardSummary, renderCardText } from './renderCard';
export { displayWidth, padEnd as padToWidth } from './codeText';
