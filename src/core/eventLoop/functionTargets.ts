// Which function with a body a name or a call refers to, through imports, re-exports,
// variables holding arrow functions, object properties, class fields and methods.
// Answers come from the type checker, so they hold for one program.
import { Node, type CallExpression, type NewExpression, type Symbol as MorphSymbol, type ts } from 'ts-morph';
import { ProgramCache } from '../analysisCaches';
import { isFunctionLike, type FunctionLike } from './syncRegion';

// Depends on: the program (imports, declarations and types in other files).
const targetCache = new ProgramCache<ts.Node, FunctionLike | undefined>();

/** The function a call or `new` runs, when the program declares it with a body. */
export function callTarget(call: CallExpression | NewExpression): FunctionLike | undefined {
  const program = call.getProject().getProgram().compilerObject;
  return targetCache.get(program, call.compilerNode, () => (Node.isNewExpression(call) ? constructorOf(call) : resolveFunction(call.getExpression())));
}

/** The function an expression (`handle`, `routes.hull`, `this.compute`) refers to. */
export function resolveFunction(expression: Node): FunctionLike | undefined {
  if (isFunctionLike(expression)) return expression;
  const target = Node.isParenthesizedExpression(expression) ? expression.getExpression() : expression;
  if (!Node.isIdentifier(target) && !Node.isPropertyAccessExpression(target)) return undefined;
  const symbol = followAliases(target.getSymbol());
  for (const declaration of symbol?.getDeclarations() ?? []) {
    const fn = functionOfDeclaration(declaration);
    if (fn) return fn;
  }
  return undefined;
}

function constructorOf(expression: NewExpression): FunctionLike | undefined {
  const symbol = followAliases(expression.getExpression().getSymbol());
  for (const declaration of symbol?.getDeclarations() ?? []) {
    if (!Node.isClassDeclaration(declaration) && !Node.isClassExpression(declaration)) continue;
    return declaration.getConstructors().find((c) => c.hasBody());
  }
  return undefined;
}

function followAliases(symbol: MorphSymbol | undefined): MorphSymbol | undefined {
  let current = symbol;
  for (let depth = 0; current?.isAlias() && depth < 8; depth++) current = current.getAliasedSymbol();
  return current;
}

function functionOfDeclaration(declaration: Node): FunctionLike | undefined {
  if (declaration.getSourceFile().isDeclarationFile()) return undefined;
  if (isFunctionLike(declaration)) {
    if (declaration.getBody()) return declaration;
    // `declare function f(): T;` has no implementation; looking for one walks every sibling.
    if (Node.isAmbientable(declaration) && declaration.isAmbient()) return undefined;
    // An overload signature: the implementation is the sibling with a body.
    if (Node.isFunctionDeclaration(declaration)) return declaration.getImplementation();
    if (Node.isMethodDeclaration(declaration)) return declaration.getImplementation();
    return undefined;
  }
  if (Node.isVariableDeclaration(declaration) || Node.isPropertyAssignment(declaration) || Node.isPropertyDeclaration(declaration)) {
    const initializer = declaration.getInitializer();
    const value = initializer && Node.isParenthesizedExpression(initializer) ? initializer.getExpression() : initializer;
    return value && isFunctionLike(value) ? value : undefined;
  }
  if (Node.isShorthandPropertyAssignment(declaration)) {
    const value = followAliases(declaration.getValueSymbol());
    for (const inner of value?.getDeclarations() ?? []) {
      if (inner !== declaration) {
        const fn = functionOfDeclaration(inner);
        if (fn) return fn;
      }
    }
  }
  return undefined;
}
