// Classes whose instances are rows of an ORM: `Collection.findByPk(id, { transaction })`,
// `repository.findOneBy({ id })` and `User.query().findById(id)` load one object for the
// request that asked, and two requests that load the same row get two objects. `this` in an
// entity's methods is that request's own, not a service's that lives across calls.
// Recognised by where the base class or the `@Entity()` decorator is imported from, so a
// workspace without the ORM's types installed is recognised too; the project's own base
// classes (`class Collection extends ParanoidModel`) are followed to the ORM's.
import { Node, ts, type ClassDeclaration, type ClassExpression, type Symbol as MorphSymbol } from 'ts-morph';
import { ProgramCache } from '../analysisCaches';
import { importedNameOf, resolveCallee } from '../importedNames';

/**
 * The classes each ORM has its rows extend. Not the ones that live across requests:
 * TypeORM's `Repository`, sequelize's `Sequelize` connection.
 */
const ROW_BASE_CLASSES: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['sequelize', new Set(['Model'])],
  ['sequelize-typescript', new Set(['Model'])],
  ['typeorm', new Set(['BaseEntity'])],
  ['mongoose', new Set(['Document', 'Model'])],
  ['objection', new Set(['Model'])],
  ['@mikro-orm/core', new Set(['BaseEntity'])],
  ['bookshelf', new Set(['Model'])],
  ['waterline', new Set(['Collection'])],
]);

/** ORMs whose `@Entity()` makes a class a row, whatever it extends. */
const ENTITY_DECORATOR_MODULES = new Set(['typeorm', '@mikro-orm/core']);

/** A chain of project base classes longer than this is not followed (and a cycle ends). */
const MAX_BASE_CLASSES = 16;

// Depends on: the class and the project classes it extends, in other files too.
const rowClasses = new ProgramCache<ts.Node, boolean>();

/** Whether `cls`, or a project class it extends, extends an ORM's row class or is decorated as an entity. */
export function isOrmRowClass(cls: ClassDeclaration | ClassExpression): boolean {
  return rowClasses.get(cls.getProject().getProgram().compilerObject, cls.compilerNode, () => {
    let current: ClassDeclaration | ClassExpression | undefined = cls;
    for (let depth = 0; current && depth < MAX_BASE_CLASSES; depth++) {
      if (decoratedAsEntity(current)) return true;
      const base = current.getExtends()?.getExpression();
      if (!base) return false;
      if (isRowBase(base)) return true;
      current = projectClassOf(base);
    }
    return false;
  });
}

function decoratedAsEntity(cls: ClassDeclaration | ClassExpression): boolean {
  return cls.getDecorators().some((decorator) => {
    const expression = decorator.getExpression();
    const callee = Node.isCallExpression(expression) ? expression.getExpression() : expression;
    const imported = Node.isIdentifier(callee) ? importedNameOf(callee) : undefined;
    return !!imported && imported.name === 'Entity' && ENTITY_DECORATOR_MODULES.has(imported.module);
  });
}

/** `Model`, `mongoose.Model`, `bookshelf.Model` (of `const bookshelf = Bookshelf(knex)`): an ORM's row class. */
function isRowBase(base: Node): boolean {
  const resolved = resolveCallee(base) ?? ormInstanceMember(base);
  return !!resolved && ROW_BASE_CLASSES.get(resolved.module)?.has(resolved.path) === true;
}

/**
 * Bookshelf hands out its `Model` from the instance it makes for a database:
 * `const bookshelf = Bookshelf(knex)`, then `bookshelf.Model`.
 */
function ormInstanceMember(base: Node): { module: string; path: string } | undefined {
  if (!Node.isPropertyAccessExpression(base)) return undefined;
  const instance = base.getExpression();
  const declaration = Node.isIdentifier(instance) ? instance.getSymbol()?.getValueDeclaration() : undefined;
  const initializer = Node.isVariableDeclaration(declaration) ? declaration.getInitializer() : undefined;
  const factory = Node.isCallExpression(initializer) ? resolveCallee(initializer.getExpression()) : undefined;
  return factory && { module: factory.module, path: base.getName() };
}

/** The project class a base-class expression names, through imports and re-exports. */
function projectClassOf(base: Node): ClassDeclaration | ClassExpression | undefined {
  let symbol: MorphSymbol | undefined = base.getSymbol();
  for (let depth = 0; symbol?.isAlias() && depth < 8; depth++) symbol = symbol.getAliasedSymbol();
  const declaration = symbol?.getDeclarations().find((d) => Node.isClassDeclaration(d) || Node.isClassExpression(d));
  return declaration && !declaration.getSourceFile().isDeclarationFile() && (Node.isClassDeclaration(declaration) || Node.isClassExpression(declaration))
    ? declaration
    : undefined;
}
