// Which statements may sit between two awaits without a later call noticing: they only
// compute values (or write a log line), and computing them earlier or later changes
// nothing another call could observe. Anything unknown counts as an effect.
import { Node, SyntaxKind, ts, type Expression, type Statement, type TypeChecker } from 'ts-morph';
import { importedNameOf } from '../importedNames';

/**
 * `pure`: computes values only. `console`: also writes to the console, which no call can
 * observe. `logger`: calls what looks like an application logger, which is probably
 * harmless but is code we cannot see.
 */
export type StatementEffect = 'pure' | 'console' | 'logger' | 'effects';

const PURE_GLOBAL_FUNCTIONS = new Set([
  'String',
  'Number',
  'Boolean',
  'BigInt',
  'parseInt',
  'parseFloat',
  'isNaN',
  'isFinite',
  'encodeURIComponent',
  'decodeURIComponent',
  'encodeURI',
  'decodeURI',
  'structuredClone',
]);
const PURE_STATICS: Record<string, ReadonlySet<string> | 'all'> = {
  Math: 'all',
  JSON: new Set(['stringify', 'parse']),
  Object: new Set(['keys', 'values', 'entries', 'fromEntries', 'getPrototypeOf', 'is', 'hasOwn']),
  Array: new Set(['isArray', 'from', 'of']),
  Number: new Set(['isInteger', 'isFinite', 'isNaN', 'isSafeInteger', 'parseFloat', 'parseInt']),
  Date: new Set(['now', 'parse', 'UTC']),
  Buffer: new Set(['from', 'byteLength', 'concat', 'isBuffer']),
};
const PURE_CONSTRUCTORS = new Set([
  'URL',
  'URLSearchParams',
  'Date',
  'Map',
  'Set',
  'WeakMap',
  'WeakSet',
  'Error',
  'TypeError',
  'RangeError',
  'Headers',
  'AbortController',
  'TextEncoder',
  'TextDecoder',
  'RegExp',
]);
const PURE_MODULE_FUNCTIONS: Record<string, ReadonlySet<string>> = {
  path: new Set(['join', 'resolve', 'basename', 'dirname', 'extname', 'relative', 'normalize', 'parse', 'format', 'isAbsolute']),
};
// Methods that return a new value and leave their receiver alone, on strings, numbers and arrays.
const PURE_METHODS = new Set([
  'trim',
  'trimStart',
  'trimEnd',
  'toLowerCase',
  'toUpperCase',
  'slice',
  'substring',
  'split',
  'replace',
  'replaceAll',
  'includes',
  'startsWith',
  'endsWith',
  'indexOf',
  'lastIndexOf',
  'padStart',
  'padEnd',
  'at',
  'charAt',
  'concat',
  'repeat',
  'normalize',
  'localeCompare',
  'match',
  'toString',
  'toFixed',
  'valueOf',
  'map',
  'filter',
  'join',
  'find',
  'findIndex',
  'findLast',
  'some',
  'every',
  'flat',
  'flatMap',
  'reduce',
  'toSorted',
  'toReversed',
  'with',
  'keys',
  'values',
  'entries',
  'toISOString',
  'getTime',
  'toJSON',
]);
const CONSOLE_METHODS = new Set(['log', 'info', 'debug', 'warn', 'error', 'trace', 'table', 'dir', 'time', 'timeEnd', 'timeLog', 'count', 'group', 'groupEnd']);
const LOGGER_RECEIVER = /^(this\.)?(log|logger|_logger|_log)$/i;
const LOGGER_METHODS = new Set(['log', 'info', 'debug', 'warn', 'warning', 'error', 'trace', 'fatal', 'verbose']);

/** What running `statement` could do that another call might observe. */
export function statementEffect(statement: Statement, checker: TypeChecker): StatementEffect {
  if (Node.isEmptyStatement(statement) || Node.isTypeAliasDeclaration(statement) || Node.isInterfaceDeclaration(statement)) return 'pure';
  // Hoisted: where it is written changes nothing.
  if (Node.isFunctionDeclaration(statement)) return 'pure';
  if (Node.isVariableStatement(statement)) {
    if (statement.hasModifier(SyntaxKind.ExportKeyword) || statement.hasModifier(SyntaxKind.DeclareKeyword)) return 'effects';
    const list = statement.getDeclarationList();
    // `using` runs a disposer at the end of the block: not a plain value.
    const scope: ts.NodeFlags = list.getFlags() & ts.NodeFlags.BlockScoped;
    if (scope === ts.NodeFlags.Using || scope === ts.NodeFlags.AwaitUsing) return 'effects';
    const pure = list.getDeclarations().every((d) => {
      const initializer = d.getInitializer();
      return !initializer || isPureExpression(initializer, checker);
    });
    return pure ? 'pure' : 'effects';
  }
  if (Node.isExpressionStatement(statement)) return logCallEffect(statement.getExpression(), checker);
  return 'effects';
}

/** `logger`, `this.log`: the receiver of an application logger's calls. */
export function isLoggerReceiver(text: string): boolean {
  return text === 'console' || LOGGER_RECEIVER.test(text);
}

function logCallEffect(expression: Expression, checker: TypeChecker): StatementEffect {
  if (!Node.isCallExpression(expression)) return 'effects';
  const callee = expression.getExpression();
  if (!Node.isPropertyAccessExpression(callee)) return 'effects';
  if (!expression.getArguments().every((a) => isPureExpression(a, checker))) return 'effects';
  const receiver = callee.getExpression().getText();
  const method = callee.getName();
  if (receiver === 'console' && isGlobal(callee.getExpression()) && CONSOLE_METHODS.has(method)) return 'console';
  if (LOGGER_RECEIVER.test(receiver) && LOGGER_METHODS.has(method)) return 'logger';
  return 'effects';
}

/**
 * Whether evaluating `expression` only computes a value: no assignment, no await, no
 * call except to functions known to be pure. Creating a closure is pure (its body does
 * not run); calling one is not, unless it is a pure callback of a pure array method.
 */
export function isPureExpression(expression: Node, checker: TypeChecker): boolean {
  const node = expression;
  switch (node.getKind()) {
    case SyntaxKind.Identifier:
    case SyntaxKind.ThisKeyword:
    case SyntaxKind.StringLiteral:
    case SyntaxKind.NumericLiteral:
    case SyntaxKind.BigIntLiteral:
    case SyntaxKind.NoSubstitutionTemplateLiteral:
    case SyntaxKind.RegularExpressionLiteral:
    case SyntaxKind.TrueKeyword:
    case SyntaxKind.FalseKeyword:
    case SyntaxKind.NullKeyword:
    case SyntaxKind.ArrowFunction:
    case SyntaxKind.FunctionExpression:
      return true;
  }
  if (Node.isAwaitExpression(node) || Node.isYieldExpression(node) || Node.isDeleteExpression(node) || Node.isTaggedTemplateExpression(node)) return false;
  if (Node.isBinaryExpression(node)) {
    const operator = node.getOperatorToken().getKind();
    if (operator >= SyntaxKind.FirstAssignment && operator <= SyntaxKind.LastAssignment) return false;
    return isPureExpression(node.getLeft(), checker) && isPureExpression(node.getRight(), checker);
  }
  if (Node.isPrefixUnaryExpression(node) || Node.isPostfixUnaryExpression(node)) {
    const operator = node.getOperatorToken();
    if (operator === SyntaxKind.PlusPlusToken || operator === SyntaxKind.MinusMinusToken) return false;
    return isPureExpression(node.getOperand(), checker);
  }
  if (Node.isCallExpression(node)) return isPureCall(node, checker);
  if (Node.isNewExpression(node)) {
    const callee = node.getExpression();
    return (
      Node.isIdentifier(callee) &&
      PURE_CONSTRUCTORS.has(callee.getText()) &&
      isGlobal(callee) &&
      (node.getArguments() ?? []).every((a) => isPureExpression(a, checker))
    );
  }
  if (Node.isClassExpression(node)) return false;
  if (Node.isObjectLiteralExpression(node)) {
    return node.getProperties().every((p) => {
      if (Node.isPropertyAssignment(p)) return isPureName(p.getNameNode(), checker) && isPureExpression(p.getInitializerOrThrow(), checker);
      if (Node.isShorthandPropertyAssignment(p)) return true;
      if (Node.isSpreadAssignment(p)) return isPureExpression(p.getExpression(), checker);
      // Methods and accessors are closures: defining them runs nothing.
      return Node.isMethodDeclaration(p) || Node.isGetAccessorDeclaration(p) || Node.isSetAccessorDeclaration(p);
    });
  }
  // Property reads, templates, array literals, conditionals, `typeof`, `as`, `!`, spreads, parentheses:
  // pure when every part is.
  if (
    Node.isPropertyAccessExpression(node) ||
    Node.isElementAccessExpression(node) ||
    Node.isTemplateExpression(node) ||
    Node.isTemplateSpan(node) ||
    Node.isArrayLiteralExpression(node) ||
    Node.isConditionalExpression(node) ||
    Node.isTypeOfExpression(node) ||
    Node.isVoidExpression(node) ||
    Node.isAsExpression(node) ||
    Node.isSatisfiesExpression(node) ||
    Node.isNonNullExpression(node) ||
    Node.isParenthesizedExpression(node) ||
    Node.isSpreadElement(node) ||
    Node.isOmittedExpression(node) ||
    Node.isTypeAssertion(node)
  ) {
    return node.getChildren().every((child) => isPureChild(child, checker));
  }
  return false;
}

function isPureChild(child: Node, checker: TypeChecker): boolean {
  if (Node.isExpression(child) || Node.isTemplateSpan(child)) return isPureExpression(child, checker);
  // Tokens, type nodes, template literal parts and property names evaluate nothing.
  if (child.getKind() === SyntaxKind.SyntaxList) return child.getChildren().every((c) => isPureChild(c, checker));
  return true;
}

function isPureName(name: Node, checker: TypeChecker): boolean {
  return !Node.isComputedPropertyName(name) || isPureExpression(name.getExpression(), checker);
}

function isPureCall(call: Node, checker: TypeChecker): boolean {
  if (!Node.isCallExpression(call)) return false;
  const callee = call.getExpression();
  const args = call.getArguments();
  if (Node.isIdentifier(callee)) {
    if (PURE_GLOBAL_FUNCTIONS.has(callee.getText()) && isGlobal(callee)) return args.every((a) => isPureExpression(a, checker));
    const imported = importedNameOf(callee);
    return !!imported && !!PURE_MODULE_FUNCTIONS[imported.module]?.has(imported.name) && args.every((a) => isPureExpression(a, checker));
  }
  if (!Node.isPropertyAccessExpression(callee)) return false;
  const object = callee.getExpression();
  const method = callee.getName();
  if (Node.isIdentifier(object)) {
    const statics = PURE_STATICS[object.getText()];
    if (statics && isGlobal(object) && (statics === 'all' || statics.has(method))) return args.every((a) => isPureExpression(a, checker));
    const imported = importedNameOf(object);
    if (imported && imported.name === '*' && PURE_MODULE_FUNCTIONS[imported.module]?.has(method)) return args.every((a) => isPureExpression(a, checker));
  }
  if (!PURE_METHODS.has(method) || !hasValueReceiver(object, checker)) return false;
  return isPureExpression(object, checker) && args.every((a) => isPureArgument(a, checker));
}

/** Callbacks of `map`/`filter` run right away, so their bodies must be pure too. */
function isPureArgument(argument: Node, checker: TypeChecker): boolean {
  if (Node.isArrowFunction(argument) || Node.isFunctionExpression(argument)) {
    const body = argument.getBody();
    if (Node.isExpression(body)) return isPureExpression(body, checker);
    if (!Node.isBlock(body)) return false;
    const statements = body.getStatements();
    return statements.every((s) => {
      if (Node.isReturnStatement(s)) {
        const value = s.getExpression();
        return !value || isPureExpression(value, checker);
      }
      return statementEffect(s, checker) === 'pure';
    });
  }
  return isPureExpression(argument, checker);
}

/** Strings, numbers, arrays and dates: their methods named above never change them. */
function hasValueReceiver(object: Node, checker: TypeChecker): boolean {
  const type = checker.compilerObject.getTypeAtLocation(object.compilerNode);
  const compilerChecker = checker.compilerObject;
  const parts = type.isUnion() ? type.types : [type];
  return parts.every((part) => {
    if (part.flags & (ts.TypeFlags.StringLike | ts.TypeFlags.NumberLike | ts.TypeFlags.BigIntLike | ts.TypeFlags.BooleanLike)) return true;
    if (compilerChecker.isArrayType(part) || compilerChecker.isTupleType(part)) return true;
    const name = part.getSymbol()?.getName();
    return name === 'Date' || name === 'ReadonlyArray';
  });
}

/** An identifier that refers to the built-in global, not a local of the same name. */
function isGlobal(identifier: Node): boolean {
  const declarations = identifier.getSymbol()?.getDeclarations() ?? [];
  return declarations.length > 0 && declarations.every((d) => d.getSourceFile().isDeclarationFile());
}
