// A blocking call whose result is kept for good the first time it runs: the cost is paid
// once, not per request, which is the usual way to load a template or a config lazily.
//   if (!config) config = JSON.parse(fs.readFileSync(file, 'utf8'));
//   return (cache ??= fs.readFileSync(file));
import { Node, SyntaxKind } from 'ts-morph';
import { isFunctionLike } from './syncRegion';

const ASSIGNMENTS = new Set([SyntaxKind.EqualsToken, SyntaxKind.QuestionQuestionEqualsToken, SyntaxKind.BarBarEqualsToken]);

export function runsOnlyOnce(call: Node): boolean {
  for (let child: Node = call, parent = call.getParent(); parent && !isFunctionLike(parent); child = parent, parent = parent.getParent()) {
    if (!Node.isBinaryExpression(parent) || parent.getRight() !== child || !ASSIGNMENTS.has(parent.getOperatorToken().getKind())) continue;
    const target = parent.getLeft();
    if (!outlivesTheCall(target, call)) return false;
    if (parent.getOperatorToken().getKind() !== SyntaxKind.EqualsToken) return true;
    return isGuardedBy(parent, target.getText());
  }
  return false;
}

/** A module-level variable or a property of `this`: still there on the next call. */
function outlivesTheCall(target: Node, call: Node): boolean {
  if (Node.isPropertyAccessExpression(target)) return target.getExpression().getKind() === SyntaxKind.ThisKeyword;
  if (!Node.isIdentifier(target)) return false;
  const declaration = target.getSymbol()?.getValueDeclaration();
  const home = call.getFirstAncestor(isFunctionLike);
  return !!declaration && !!home && !declaration.getAncestors().includes(home);
}

/** Inside `if (!x)`, `if (x === undefined)`, `if (x == null)` (or `!this.x`): only while nothing is stored yet. */
function isGuardedBy(assignment: Node, target: string): boolean {
  for (let child: Node = assignment, parent = assignment.getParent(); parent && !isFunctionLike(parent); child = parent, parent = parent.getParent()) {
    if (!Node.isIfStatement(parent) || parent.getThenStatement() !== child) continue;
    const condition = parent.getExpression().getText().replace(/\s+/g, '');
    if ([`!${target}`, `${target}===undefined`, `${target}==null`, `${target}===null`, `undefined===${target}`].includes(condition)) return true;
  }
  return false;
}
