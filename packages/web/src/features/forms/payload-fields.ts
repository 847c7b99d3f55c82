import { itemTypeDefinition } from '@fusion-cell/protocol';

/** What a form reads of a payload schema: an object's fields, a text's limit, what an optional field wraps. */
interface SchemaShape {
  shape?: Record<string, SchemaShape>;
  maxLength?: number | null;
  unwrap?: () => SchemaShape;
}

function fieldOf(object: SchemaShape | undefined, field: string): SchemaShape | undefined {
  let schema = object?.shape && Object.hasOwn(object.shape, field) ? object.shape[field] : undefined;
  // An optional field, or one with a default, holds the schema of its value.
  while (schema?.unwrap && schema.maxLength === undefined) schema = schema.unwrap();
  return schema;
}

function fieldSchema(type: string, field: string): SchemaShape | undefined {
  return fieldOf(itemTypeDefinition(type)?.payload as SchemaShape | undefined, field);
}

/**
 * The longest text an object schema of the protocol (a request's body) takes in a field, so
 * a form counts against the limit the server checks.
 */
export function schemaTextLimit(object: object, field: string): number | undefined {
  return fieldOf(object as SchemaShape, field)?.maxLength ?? undefined;
}

/**
 * The longest text the type's payload takes in a field, as its schema in the protocol says:
 * a form never offers more than the cell accepts.
 */
export function textLimit(type: string, field: string): number | undefined {
  return fieldSchema(type, field)?.maxLength ?? undefined;
}

/** Whether the type's payload says which language its free text is written in. */
export function takesLanguage(type: string): boolean {
  return fieldSchema(type, 'language') !== undefined;
}
