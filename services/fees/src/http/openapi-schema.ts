import type { SchemaObject } from '@nestjs/swagger';
import type { TSchema } from '@sinclair/typebox';

/**
 * A TypeBox schema for the OpenAPI document. TypeBox writes JSON Schema, whose numeric `exclusiveMaximum` Nest's
 * OpenAPI 3.0 types do not know; the schemas here use nothing else the two disagree on.
 */
export const openApi = (schema: TSchema): SchemaObject => schema as SchemaObject;
