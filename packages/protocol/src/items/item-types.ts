/** The registry under its earlier module name; new code imports `registry.ts`. */
export { ITEM_TYPES, itemTypeDefinition, type ItemTypeDefinition, type ItemTypeName } from './registry.ts';
