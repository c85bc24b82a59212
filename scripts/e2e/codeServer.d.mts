// Types for codeServer.mjs, for the TypeScript suites that start their own code-server.
export interface Profile {
  root: string;
  configFile: string;
  userDataDir: string;
  extensionsDir: string;
  xdgConfigHome: string;
  xdgDataHome: string;
  logFile: string;
}

export interface CodeServer {
  port: number;
  origin: string;
  pid: number;
  profile: Profile;
  log(): string;
  stop(): Promise<void>;
}

export function createProfile(root: string, options?: { userDataDir?: string; extensionsDir?: string; settings?: Record<string, unknown> }): Profile;
export function installExtension(profile: Profile, vsix: string): Promise<string>;
export function killProcessGroup(pid: number, graceMs?: number): Promise<void>;
export function startCodeServer(profile: Profile, options?: { locale?: string; vscodeOptions?: string[]; readyTimeoutMs?: number }): Promise<CodeServer>;
export function workbenchUrl(server: CodeServer, options?: { folder?: string; payload?: [string, string][] }): string;
export function remoteUri(server: CodeServer, absolutePath: string): string;
