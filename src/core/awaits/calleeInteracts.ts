// Project functions that put a question to the user or show them a document, a few calls
// down: firebase-tools' `ensureSecret` asks for a value through its own `prompt.input`,
// which calls `@inquirer/prompts`; GitLens' `openChanges` ends in `showTextDocument`. A
// loop over such calls is a conversation: a person answers one question at a time, and
// tabs opened one by one keep their order and the focus. Recognised by the library's
// import (`vscode` included), so it works where its types are not installed.
import { Node, SyntaxKind, type CallExpression } from 'ts-morph';
import { ProgramCache, type WeakCache } from '../analysisCaches';
import { callTarget } from '../eventLoop/functionTargets';
import { resolveCallee } from '../importedNames';
import { descendantsOfKind } from '../syntaxDescendants';
import { INTERACTIVE_MODULES } from './callEffects';
import { asksTheUser } from './loopOneAtATime';

/** How far the search follows calls into other project functions. */
const MAX_DEPTH = 6;
/** `readline` reads files line by line too; only its `question` asks someone. */
const READLINE = /^readline(\/promises)?$/;
/** Shown in an editor tab. `commands.executeCommand` is left out: most commands show nothing. */
const SHOWS_DOCUMENT = /^window\.(showTextDocument|showNotebookDocument)$/;

// Per function: true when it interacts, else the depth left when a search found that it does
// not. Depends on: the program (the search follows calls into functions of other files).
const searched = new ProgramCache<object, true | number>();

/** Whether the project function `call` runs asks the user something or shows them a document, directly or through its callees. */
export function calleeInteracts(call: CallExpression): boolean {
  return interactsWithin(call, MAX_DEPTH, new Set(), searched.in(call.getProject().getProgram().compilerObject));
}

function interactsWithin(call: CallExpression, depthLeft: number, visiting: Set<object>, known: WeakCache<object, true | number>): boolean {
  const fn = callTarget(call);
  if (!fn) return false;
  const key = fn.compilerNode;
  const before = known.peek(key);
  if (before === true) return true;
  if ((before ?? -1) >= depthLeft || visiting.has(key) || depthLeft === 0) return false;
  visiting.add(key);
  const calls = descendantsOfKind(fn, SyntaxKind.CallExpression);
  const found = calls.some(interacts) || calls.some((inner) => interactsWithin(inner, depthLeft - 1, visiting, known));
  visiting.delete(key);
  known.set(key, found || depthLeft);
  return found;
}

/**
 * `inquirer.prompt(…)`, `select(…)` from `@inquirer/prompts`, `rl.question(…)`, VS Code's
 * `showQuickPick(…)` or a message with buttons, `window.showTextDocument(…)`.
 */
function interacts(call: CallExpression): boolean {
  const callee = call.getExpression();
  const resolved = resolveCallee(callee);
  if (resolved?.module === 'vscode') return SHOWS_DOCUMENT.test(resolved.path) || asksTheUser(call);
  if (resolved && INTERACTIVE_MODULES.test(resolved.module)) return !READLINE.test(resolved.module) || resolved.path.endsWith('question');
  // A readline interface the function made: `readline.createInterface(…).question(…)`.
  return Node.isPropertyAccessExpression(callee) && callee.getName() === 'question' && callee.getExpression().getType().getSymbol()?.getName() === 'Interface';
}
