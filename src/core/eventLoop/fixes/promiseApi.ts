// "Use the promise API with await": a blocking call inside an async function becomes the
// asynchronous call with the same arguments and result, awaited.
//   fs.readFileSync(p, 'utf8')        → await fs.promises.readFile(p, 'utf8')
//   readFileSync(p, 'utf8')           → await readFile(p, 'utf8')   (+ import from 'node:fs/promises')
//   crypto.pbkdf2Sync(pw, s, n, l, d) → await promisify(crypto.pbkdf2)(pw, s, n, l, d)   (+ import { promisify })
// The module object keeps its shape: a namespace stays a namespace, a named import stays named.
// An import of fs/promises the file already has is used instead (`fsp.readFile`, `readFile`),
// and an import the fix leaves unused goes.
import { Node, type CallExpression } from 'ts-morph';
import type { Fix } from '../../finding';
import { importedNameOf } from '../../importedNames';
import { replaceNode } from '../../ranges';
import { isInside } from '../../syntaxDescendants';
import { fixTitle } from '../../templateText';
import type { PromiseAlternative } from '../blockingApis';
import { enclosingFunction, isAsyncFunction } from '../syncRegion';
import { awaited } from './awaitedExpression';
import { ImportChanges } from './importChanges';
import { isTypeScript } from './moduleStyle';

export function promiseApiFix(call: CallExpression, alternative: PromiseAlternative): Fix | undefined {
  const fn = enclosingFunction(call);
  if (!fn || !isAsyncFunction(fn) || !isInside(call, fn.getBody())) return undefined;
  const callee = call.getExpression();
  const sourceFile = call.getSourceFile();
  const imports = new ImportChanges(sourceFile);
  const args = call
    .getArguments()
    .map((arg) => arg.getText())
    .join(', ');
  const moduleObject = Node.isPropertyAccessExpression(callee) ? callee.getExpression() : undefined;

  let asyncCallee: string;
  if (moduleObject && Node.isIdentifier(moduleObject) && importedNameOf(moduleObject)?.name === '*') {
    // `fs.readFileSync` on the module object: an fs/promises import the file has, else the promise API on the same object.
    const name = moduleObject.getText();
    const imported = alternative.kind === 'fs-promises' ? imports.existingReference('fs/promises', alternative.name, call) : undefined;
    if (imported) imports.removeIfUnusedElsewhere(moduleObject, call);
    asyncCallee =
      alternative.kind === 'fs-promises'
        ? (imported ?? `${name}.promises.${alternative.name}`)
        : `${imports.reference('util', 'promisify', call)}(${name}.${alternative.name})`;
  } else if (Node.isIdentifier(callee) && importedNameOf(callee)) {
    imports.removeIfUnusedElsewhere(callee, call);
    asyncCallee =
      alternative.kind === 'fs-promises'
        ? imports.reference('fs/promises', alternative.name, call)
        : `${imports.reference('util', 'promisify', call)}(${imports.reference(alternative.module, alternative.name, call)})`;
  } else {
    return undefined;
  }
  const cast = alternative.kind === 'promisify' && alternative.resultType && isTypeScript(sourceFile) ? alternative.resultType : undefined;
  const replacement = awaited(call, `${asyncCallee}(${args})`, cast);
  return {
    ...fixTitle('Use {alternative} with await', { alternative: describe(alternative) }),
    isPreferred: true,
    edits: [replaceNode(call, replacement), ...imports.edits()],
  };
}

function describe(alternative: PromiseAlternative): string {
  return alternative.kind === 'fs-promises' ? `fs.promises.${alternative.name}` : `promisify(${alternative.module}.${alternative.name})`;
}
