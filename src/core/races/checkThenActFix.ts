// The fixes for a check-then-act.
// Lazy initialisation: store the promise before anything waits, so a second call finds it
// and waits for the same work (the memo shape); a rejection empties the slot again, so a
// failure is not kept for ever.
//   let conn: Connection | undefined;      →  let conn: Promise<Connection> | undefined;
//   if (!conn) conn = await connect();     →  if (!conn) conn = connect().catch((error: unknown) => { conn = undefined; throw error; });
//   return conn;                               return conn;
// Only for a module variable of this file that nothing else reads: its type changes to a
// promise, which every other use would have to await. A map cache gets the same fix where its
// values are only returned from this function (`mapMemoFix.ts`).
// A file written when missing: `{ flag: 'wx' }` makes the write itself fail when the file
// is there, instead of overwriting what another call created after the test. Offered, not
// preferred: the write now throws EEXIST where it overwrote.
// A cache or a slot that gets neither: hold the lock the code already takes, if it has one
// the fix can take safely (see `existingLockFix.ts`).
import { Node, SyntaxKind, ts, type BinaryExpression, type Identifier } from 'ts-morph';
import type { Fix } from '../finding';
import { isModuleLevel, type LockContext } from '../locks/resolution';
import { replaceNode, replaceSpan } from '../ranges';
import { siblingStatements, statementIndexAt } from '../statementLists';
import { compilerDescendants, isInside, wrapperOf } from '../syntaxDescendants';
import { fixTitle } from '../templateText';
import type { CheckThenAct } from './checkThenActs';
import { existingLockFix, type RaceFixes } from './existingLockFix';
import { baseName } from './fileSystemCalls';
import { mapMemoFix } from './mapMemoFix';

/** Modules whose `writeFile(path, data)` returns a promise (or, `…Sync`, writes at once) and takes `{ flag }`. */
const WRITE_FILE_MODULES = new Set(['fs', 'fs/promises', 'fs-extra']);

export function checkThenActFixes(found: CheckThenAct, locks: LockContext): RaceFixes {
  // A path gets no lock: the other writer may be another process, which no lock here keeps out.
  if (found.kind === 'file') {
    const fix = exclusiveWriteFix(found);
    return { fixes: fix ? [fix] : [] };
  }
  const memo = found.kind === 'lazy-init' ? memoFix(found) : mapMemoFix(found);
  if (memo) return { fixes: [memo] };
  const shared = found.shared;
  const held =
    shared &&
    existingLockFix(
      {
        fn: found.fn,
        from: found.check,
        to: found.act,
        state: shared,
        title: (lock) => fixTitle('Hold {lock} from the test of {state} to the act (calls then run one at a time)', { lock, state: shared.key }),
      },
      locks,
    );
  return held ? { fixes: [held.fix], heldLock: held.lock } : { fixes: [] };
}

function memoFix(found: CheckThenAct): Fix | undefined {
  const act = found.act as BinaryExpression;
  const awaited = act.getRight();
  const slot = act.getLeft();
  if (!Node.isAwaitExpression(awaited) || !Node.isIdentifier(slot) || !Node.isExpressionStatement(act.getParent())) return undefined;
  const declaration = slot.getSymbol()?.getValueDeclaration();
  if (!Node.isVariableDeclaration(declaration) || !isModuleLevel(declaration.compilerNode) || declaration.getVariableStatement()?.isExported())
    return undefined;
  if (declaration.getInitializer() && !isNullish(declaration.getInitializer()!)) return undefined;
  const typeNode = declaration.getTypeNode();
  if (!Node.isUnionTypeNode(typeNode)) return undefined;
  const members = typeNode.getTypeNodes();
  const value = members.filter((m) => !isNullishType(m));
  const empty = members.find(isNullishType);
  if (value.length !== 1 || !empty) return undefined;
  const operand = awaited.getExpression();
  if (!operand.getType().getProperty('catch') || mentions(operand, slot)) return undefined;
  if (!onlyTestedFilledAndReturned(slot, found) || !returnedNext(act.getParentOrThrow(), slot, found)) return undefined;
  const reset = empty.getKind() === SyntaxKind.NullKeyword || empty.getText() === 'null' ? 'null' : 'undefined';
  return {
    ...fixTitle('Store the promise of {awaited} in {state}, so concurrent calls share it', { awaited: operand.getText(), state: slot.getText() }),
    edits: [
      replaceNode(value[0], `Promise<${value[0].getText()}>`),
      replaceNode(awaited, `${operand.getText()}.catch((error: unknown) => { ${slot.getText()} = ${reset}; throw error; })`),
    ],
    isPreferred: true,
  };
}

/**
 * Whether the slot's every use is the test, the fill or a `return` of it in the same async
 * function: uses the promise serves as well as the value did.
 */
function onlyTestedFilledAndReturned(slot: Identifier, found: CheckThenAct): boolean {
  const symbol = slot.getSymbol()?.compilerSymbol;
  const sourceFile = slot.getSourceFile();
  const test = found.guard?.getExpression();
  return compilerDescendants(sourceFile.compilerNode)
    .filter((node) => ts.isIdentifier(node) && node.text === slot.getText())
    .map((node) => wrapperOf(sourceFile, node))
    .every((use) => {
      if (use.getSymbol()?.compilerSymbol !== symbol) return true;
      const parent = use.getParent();
      if (Node.isVariableDeclaration(parent) && parent.getNameNode() === use) return true;
      if (use === (found.act as BinaryExpression).getLeft() || (test && isInside(use, test))) return true;
      return Node.isReturnStatement(parent) && isInside(use, found.fn);
    });
}

/**
 * Whether `return slot` comes right after the fill, so nothing that ran after the value
 * arrived now runs before it: `if (!conn) conn = await connect(); return conn;`.
 */
function returnedNext(fill: Node, slot: Identifier, found: CheckThenAct): boolean {
  let statement = fill;
  const branch = found.guard?.getThenStatement();
  if (branch && (branch === fill || (Node.isBlock(branch) && branch.getStatements().length === 1 && branch.getStatements()[0] === fill)))
    statement = found.guard!;
  const list = siblingStatements(statement);
  const next = list?.[statementIndexAt(list, statement.getPos()) + 1];
  return !!next && ts.isReturnStatement(next) && !!next.expression && ts.isIdentifier(next.expression) && next.expression.text === slot.getText();
}

function exclusiveWriteFix(found: CheckThenAct): Fix | undefined {
  const write = found.fileAct;
  if (!write || !write.module || !WRITE_FILE_MODULES.has(write.module) || baseName(write.name) !== 'writeFile') return undefined;
  // `fs.writeFile(p, data, callback)` is the callback API: only its promise and sync forms.
  if (write.module === 'fs' && write.name === 'writeFile') return undefined;
  const args = write.call.getArguments();
  if (args.length !== 2) return undefined;
  return {
    ...fixTitle("Write {path} with flag 'wx' (the write fails with EEXIST instead of overwriting a file created meanwhile)", { path: write.path.getText() }),
    edits: [replaceSpan(write.call.getSourceFile(), args[1].getEnd(), args[1].getEnd(), ", { flag: 'wx' }")],
    isPreferred: false,
  };
}

function mentions(node: Node, slot: Identifier): boolean {
  const symbol = slot.getSymbol()?.compilerSymbol;
  return [node.compilerNode, ...compilerDescendants(node.compilerNode)].some(
    (child) => ts.isIdentifier(child) && wrapperOf(node, child).getSymbol()?.compilerSymbol === symbol,
  );
}

function isNullish(node: Node): boolean {
  return node.getKind() === SyntaxKind.NullKeyword || (Node.isIdentifier(node) && node.getText() === 'undefined');
}

function isNullishType(node: Node): boolean {
  return node.getKind() === SyntaxKind.UndefinedKeyword || (Node.isLiteralTypeNode(node) && node.getLiteral().getKind() === SyntaxKind.NullKeyword);
}
