// The CLI's name, version and home, from package.json (esbuild inlines the fields imported).
import { repository, version } from '../../package.json';

export const TOOL_NAME = 'kitchen-sync';
export const TOOL_VERSION: string = version;
/** Where a SARIF viewer links the tool; the rule docs live under it (see `docsUrl`). */
export const HOMEPAGE: string = repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
