// React event handlers: async functions a component or a hook defines for the user to
// trigger (`const onGenerate = async () => …`, `useCallback(async () => …, deps)`). Each
// click starts another run while the last may still wait, and every run sees the same refs
// (`useRef`), which live as long as the component. Recognised by shape and by the `react`
// import, so a workspace without React's types installed is read the same.
import { Node, ts, type SourceFile, type VariableDeclaration } from 'ts-morph';
import { WeakCache } from '../analysisCaches';
import { isFunctionLike, type FunctionLike } from '../eventLoop/syncRegion';
import { importBindings } from '../importedNames';
import { compilerDescendants, wrapperOf } from '../syntaxDescendants';

/** `useTextGeneration`, `useChat`: a hook. */
const HOOK_NAME = /^use[A-Z0-9]/;
/** `TTDDialog`, `ChatPanel`: a component. */
const COMPONENT_NAME = /^[A-Z]/;

// Per file: both race rules ask. Depends on: the file's text alone.
const handlersByFile = new WeakCache<ts.SourceFile, FunctionLike[]>();

/** The async event handlers that the components and hooks of a React module define. */
export function reactHandlersIn(sourceFile: SourceFile): FunctionLike[] {
  return handlersByFile.get(sourceFile.compilerNode, () => {
    if (![...importBindings(sourceFile).values()].some((binding) => binding.module === 'react')) return [];
    // Only the async arrows and function expressions get wrapped: most of a file is neither.
    return compilerDescendants(sourceFile.compilerNode)
      .filter((node) => (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) && !!node.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword))
      .map((node) => wrapperOf(sourceFile, node) as FunctionLike)
      .filter(isReactHandler);
  });
}

/** An async function bound to a `const` or wrapped in `useCallback`, directly inside a component or a hook. */
export function isReactHandler(fn: FunctionLike): boolean {
  if (!Node.isArrowFunction(fn) && !Node.isFunctionExpression(fn)) return false;
  let holder: Node | undefined = fn.getParent();
  if (Node.isCallExpression(holder) && /^(React\.)?useCallback$/.test(holder.getExpression().getText())) holder = holder.getParent();
  if (!Node.isVariableDeclaration(holder)) return false;
  const owner = holder.getFirstAncestor(isFunctionLike);
  return !!owner && isComponentOrHook(owner);
}

/** `const abortRef = useRef(null)` in a component or a hook: one box for every render and every handler run. */
export function isReactRef(declaration: VariableDeclaration): boolean {
  const initializer = declaration.getInitializer();
  return Node.isCallExpression(initializer) && /^(React\.)?useRef$/.test(initializer.getExpression().getText());
}

function isComponentOrHook(fn: FunctionLike): boolean {
  const name = functionName(fn);
  return !!name && (HOOK_NAME.test(name) || COMPONENT_NAME.test(name));
}

/** `function useChat() {}`, `const useChat = () => {}`, `export const Panel = function () {}`. */
function functionName(fn: FunctionLike): string | undefined {
  if (Node.isFunctionDeclaration(fn)) return fn.getName();
  const holder = fn.getParent();
  return Node.isVariableDeclaration(holder) ? holder.getName() : undefined;
}
