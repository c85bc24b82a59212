// Methods a decorator runs inside a transaction: Vendure's `@Transaction()`, and
// `@Transactional()` from typeorm-transactional or @nestjs-cls/transactional. Every call
// the method makes with the request's context joins that transaction: one connection,
// whose statements run one at a time, in the order the method sends them.
import { Node } from 'ts-morph';
import { importedNameOf } from '../importedNames';

/** The names these libraries export; a project's own copy (Vendure imports it relatively) has the same name. */
const TRANSACTION_DECORATORS = new Set(['Transaction', 'Transactional']);

/** Whether `fn` is a method with a decorator that runs it in a transaction. */
export function decoratedAsTransaction(fn: Node): boolean {
  if (!Node.isMethodDeclaration(fn)) return false;
  return fn.getDecorators().some((decorator) => {
    const expression = decorator.getExpression();
    const callee = Node.isCallExpression(expression) ? expression.getExpression() : expression;
    if (!Node.isIdentifier(callee)) return false;
    // `import { Transactional as Tx }` is still the library's decorator.
    const imported = importedNameOf(callee);
    return TRANSACTION_DECORATORS.has(imported && imported.name !== '*' ? imported.name : callee.getText());
  });
}
