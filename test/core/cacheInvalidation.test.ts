// The editor keeps one project for the whole session and edits its files in place: an edit
// to one file replaces that file's compiler nodes only, and makes a new program. An answer
// about file A that reads file B must not be cached on A's nodes alone. Each case analyses
// A, edits B, and analyses A again, with one settings object throughout, as the editor does.
import * as assert from 'node:assert/strict';
import { analyzeFile, createLooseProject, withDefaults } from '../../src/core';

const settings = withDefaults({});

function workspace(files: Record<string, string>) {
  const project = createLooseProject();
  for (const [name, text] of Object.entries(files)) project.createSourceFile(name, text);
  return {
    /** `rule-id line:character-line:character` of each finding in `file`, 0-based. */
    findings(file: string): string[] {
      return analyzeFile(project.getSourceFileOrThrow(file), settings).findings.map(
        ({ ruleId, range: { start, end } }) => `${ruleId} ${start.line}:${start.character}-${end.line}:${end.character}`,
      );
    },
    edit(file: string, text: string): void {
      project.getSourceFileOrThrow(file).replaceWithText(text);
    },
  };
}

describe('caches across edits to other files', () => {
  it('finds a blocking call once the function a barrel re-exports is written', () => {
    const code = workspace({
      '/app/route.ts': `import { version } from './lib';
declare const app: { get(path: string, handler: (req: unknown, res: { send(body: string): void }) => void): void };

app.get('/version', (_req, res) => {
  res.send(version());
});
`,
      '/app/lib/index.ts': `export * from './version';\n`,
      '/app/lib/version.ts': `export const other = 1;\n`,
    });
    assert.deepEqual(code.findings('/app/route.ts'), []);
    code.edit(
      '/app/lib/version.ts',
      `import { execSync } from 'node:child_process';\nexport function version(): string {\n  return execSync('git rev-parse HEAD').toString();\n}\n`,
    );
    assert.deepEqual(code.findings('/app/route.ts'), ['blocking-call 4:11-4:20']);
  });

  it('drops a sequential-await finding once a callee two files away starts no work', () => {
    const code = workspace({
      '/app/refresh.ts': `import { loadUser, loadPrices } from './users';

export async function refresh(id: string) {
  const user = await loadUser(id);
  const prices = await loadPrices(id);
  return { user, prices };
}
`,
      '/app/users.ts': `import { record } from './audit';
export async function loadUser(id: string): Promise<string> { await record(id); return id; }
export async function loadPrices(id: string): Promise<number[]> { await record(id); return [1]; }
`,
      '/app/audit.ts': `export async function record(id: string): Promise<number> { await fetch(id); return 1; }\n`,
    });
    assert.deepEqual(code.findings('/app/refresh.ts'), ['sequential-await 4:17-4:37']);
    code.edit('/app/audit.ts', `export function record(id: string): number { return 1; }\n`);
    assert.deepEqual(code.findings('/app/refresh.ts'), [], 'loadUser and loadPrices now start no asynchronous work');
  });

  it('finds a leak through an acquire helper once the lock it returns has a lock shape', () => {
    const code = workspace({
      '/app/app.ts': `import { lockGate } from './helpers';
declare function restock(): Promise<void>;
export async function restockFridge(): Promise<void> {
  await lockGate();
  await restock();
}
`,
      '/app/helpers.ts': `import { gate } from './gate';\nexport function lockGate() {\n  return gate.acquire();\n}\n`,
      '/app/gate.ts': `export const gate = { acquire(): number { return 1; } };\n`,
    });
    assert.deepEqual(code.findings('/app/app.ts'), []);
    code.edit(
      '/app/gate.ts',
      `class GateLock {\n  async acquire(): Promise<() => void> {\n    return () => undefined;\n  }\n}\nexport const gate = new GateLock();\n`,
    );
    assert.deepEqual(code.findings('/app/app.ts'), ['lock-leak 3:8-3:18']);
  });

  it('keeps a request context that opens transactions once its type is declared', () => {
    const code = workspace({
      '/app/orders.ts': `import type { RequestContext } from './context';
declare const orders: { findOne(ctx: RequestContext, id: string): Promise<string> };
export async function loadBoth(ctx: RequestContext) {
  const first = await orders.findOne(ctx, 'a');
  const second = await orders.findOne(ctx, 'b');
  return [first, second];
}
`,
      '/app/resolver.ts': `import type { RequestContext } from './context';
declare const connection: { withTransaction(ctx: RequestContext, work: (ctx: RequestContext) => Promise<void>): Promise<void> };
export function place(ctx: RequestContext) {
  return connection.withTransaction(ctx, async (inner) => {});
}
`,
      '/app/context.ts': `export {};\n`,
    });
    assert.deepEqual(code.findings('/app/orders.ts'), [], 'both files name the context type the same way');
    code.edit('/app/context.ts', `export class RequestContext {\n  id = '';\n}\n`);
    assert.deepEqual(code.findings('/app/orders.ts'), [], 'both files now resolve the context type to the same class');
  });

  it('finds awaits in a loop once a helper two files away stops asking the user', () => {
    const code = workspace({
      '/app/secrets.ts': `import { ensureSecret } from './ensure';

export async function collectSecrets(names: string[]): Promise<Record<string, string>> {
  const values: Record<string, string> = {};
  for (const name of names) {
    values[name] = await ensureSecret(name);
  }
  return values;
}
`,
      '/app/ensure.ts': `import { promptOnce } from './prompt';\nexport async function ensureSecret(name: string): Promise<string> {\n  return promptOnce(name);\n}\n`,
      '/app/prompt.ts': `import { input } from '@inquirer/prompts';\nexport async function promptOnce(message: string): Promise<string> {\n  return input({ message });\n}\n`,
    });
    assert.deepEqual(code.findings('/app/secrets.ts'), [], 'a person answers one question at a time');
    code.edit(
      '/app/prompt.ts',
      `export async function promptOnce(message: string): Promise<string> {\n  const response = await fetch(message);\n  return response.text();\n}\n`,
    );
    assert.deepEqual(code.findings('/app/secrets.ts'), ['await-in-loop 5:19-5:43']);
  });
});
