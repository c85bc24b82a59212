// The package an object comes from, read from the code that made it: `app` in
// `const app = express()`, `router` in `const router = express.Router()`, `program` in
// `const program = new Command()` with `Command` from commander. Read from imports and
// initializers, not types, because real workspaces often lack the packages' types.
import { Node } from 'ts-morph';
import { importedNameOf } from '../importedNames';

/** How many variables to follow back (`const a = b; const b = express()`). */
const MAX_HOPS = 4;

/** The module (without `node:`) the expression's value is built from, if the file says so. */
export function moduleOrigin(expression: Node, hops = 0): string | undefined {
  const inner = unwrapped(expression);
  if (Node.isCallExpression(inner) || Node.isNewExpression(inner) || Node.isPropertyAccessExpression(inner)) return moduleOrigin(inner.getExpression(), hops);
  if (!Node.isIdentifier(inner)) return undefined;
  const imported = importedNameOf(inner);
  if (imported) return imported.module;
  if (hops >= MAX_HOPS) return undefined;
  const declaration = inner.getSymbol()?.getValueDeclaration();
  if (!Node.isVariableDeclaration(declaration) || declaration.getSourceFile() !== inner.getSourceFile()) return undefined;
  const initializer = declaration.getInitializer();
  return initializer ? moduleOrigin(initializer, hops + 1) : undefined;
}

/** Parentheses, `await`, `as T` and `!` do not change where a value comes from. */
function unwrapped(expression: Node): Node {
  let current = expression;
  while (Node.isParenthesizedExpression(current) || Node.isAwaitExpression(current) || Node.isAsExpression(current) || Node.isNonNullExpression(current)) {
    current = current.getExpression();
  }
  return current;
}
