// Events published on a bus or emitter (`this.eventBus.publish(event)`, `emitter.emit(…)`):
// publishing is cheap, subscribers see the events in the order they went out, and code
// publishes an event where it does on purpose (after the write it announces, before
// the work that follows). Awaiting each one in turn is the point, not a missed overlap.
import { Node, type CallExpression, type Expression } from 'ts-morph';
import { importedNameOf } from '../importedNames';

const PUBLISH_METHODS = new Set(['publish', 'emit', 'emitAsync', 'emitSerial']);
/** `eventBus`, `this.events`, `emitter`, `pubsub`: the last word of the receiver's name. */
const BUS_NAMES = /(event_?bus|^bus|events|emitter|pub_?sub|event_?hub)$/i;
const BUS_TYPES = /(EventBus|EventEmitter|Emitter|Emittery|PubSub)$/;
/** Modules whose exports are event buses or emitters, for receivers whose type is not installed. */
const BUS_MODULES = new Set(['@vendure/core', '@nestjs/cqrs', 'events', 'eventemitter2', 'eventemitter3', 'emittery', 'graphql-subscriptions', 'mitt']);

/** Whether the call publishes an event on a bus or an emitter. */
export function publishesEvent(call: CallExpression): boolean {
  const callee = call.getExpression();
  if (!Node.isPropertyAccessExpression(callee) || !PUBLISH_METHODS.has(callee.getName())) return false;
  const receiver = callee.getExpression();
  const name = Node.isPropertyAccessExpression(receiver) ? receiver.getName() : receiver.getText();
  if (BUS_NAMES.test(name)) return true;
  const type = receiver.getType();
  if (BUS_TYPES.test((type.getSymbol() ?? type.getAliasSymbol())?.getName() ?? '')) return true;
  const module = declaredTypeModule(receiver);
  return !!module && BUS_MODULES.has(module);
}

/** `@vendure/core` for `private eventBus: EventBus` with `EventBus` imported from there. */
function declaredTypeModule(receiver: Expression): string | undefined {
  const nameNode = Node.isPropertyAccessExpression(receiver) ? receiver.getNameNode() : receiver;
  const declaration = nameNode.getSymbol()?.getValueDeclaration();
  if (!Node.isParameterDeclaration(declaration) && !Node.isPropertyDeclaration(declaration) && !Node.isVariableDeclaration(declaration)) return undefined;
  const typeNode = declaration.getTypeNode();
  if (!Node.isTypeReference(typeNode)) return undefined;
  const typeName = typeNode.getTypeName();
  return Node.isIdentifier(typeName) ? importedNameOf(typeName)?.module : undefined;
}
