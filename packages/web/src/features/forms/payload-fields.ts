import { itemTypeDefinition } from '@fusion-cell/protocol';

/** What a form reads of a payload schema: an object's fields, a text's limit, what an optional field wraps. */
interface SchemaShape {
  shape?: Record<string, SchemaShape>;
  maxLength?: number | null;
  unwrap?: () => SchemaShape;
}

function fieldSchema(type: string, field: string): SchemaShape | undefined {
  const payload = itemTypeDefinition(type)?.payload as SchemaShape | undefined;
  let schema = payload?.shape && Object.hasOwn(payload.shape, field) ? payload.shape[field] : undefined;
  // An optional field, or one with a default, holds the schema of its value.
  while (schema?.unwrap && schema.maxLength === undefined) schema = schema.unwrap();
  return schema;
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
