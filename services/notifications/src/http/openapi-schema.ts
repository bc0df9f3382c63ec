import type { ApiResponseSchemaHost } from '@nestjs/swagger';
import type { TSchema } from '@sinclair/typebox';

type SchemaObject = ApiResponseSchemaHost['schema'];

/** A TypeBox schema is JSON Schema already; OpenAPI's typings only spell a few keywords differently. */
export const openApiSchema = (schema: TSchema): SchemaObject => schema as SchemaObject;
