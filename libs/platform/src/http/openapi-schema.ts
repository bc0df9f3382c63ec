import type { ApiResponseSchemaHost } from '@nestjs/swagger';
import type { TSchema } from '@sinclair/typebox';

type SchemaObject = ApiResponseSchemaHost['schema'];

/**
 * A TypeBox schema for `@ApiBody({ schema })` / `@ApiResponse({ schema })`: it is JSON Schema already, the same
 * schema the request is validated with; only OpenAPI's typings spell a few keywords differently.
 */
export const openApiSchema = (schema: TSchema): SchemaObject => schema as SchemaObject;
