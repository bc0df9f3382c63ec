import type { SchemaObject } from '@nestjs/swagger';
import type { TSchema } from '@sinclair/typebox';

/** A TypeBox schema as plain JSON Schema for the OpenAPI document (TypeBox's symbol-keyed markers dropped). */
export function openApiSchema(schema: TSchema): SchemaObject {
  return JSON.parse(JSON.stringify(schema)) as SchemaObject;
}
