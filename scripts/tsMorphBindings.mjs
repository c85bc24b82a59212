// ts-morph's values as plain module bindings. Imported from an ES module, a CommonJS
// package is reached through an interop object whose every property is a getter, and
// the analyzer reads `Node.isX`, `SyntaxKind.X` and `ts.X` on every node it visits: that
// getter was 6% of the CLI's time. Bundled through this module, the reads are direct.
// A name missing here fails the build ("No matching export").
import tsMorph from 'ts-morph';

export const { Node, Project, SyntaxKind, VariableDeclarationKind, ts } = tsMorph;
