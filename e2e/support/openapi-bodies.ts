import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS with a default export; under NodeNext its callable is the module's `default`.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

interface OpenApiDocument {
  paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: unknown }> } }>>;
  components?: { schemas?: Record<string, unknown> };
}

/**
 * Which request bodies a service says it accepts, read from its own OpenAPI document (`/openapi.json`): the hostile
 * corpus keeps only bodies this check calls invalid, so every one of them must be refused.
 */
export async function bodyValidator(
  serviceUrl: string,
  method: 'post' | 'put',
  path: string,
): Promise<(body: unknown) => boolean> {
  const document = (await (await fetch(`${serviceUrl}/openapi.json`)).json()) as OpenApiDocument;
  const schema = document.paths[path]?.[method]?.requestBody?.content?.['application/json']?.schema;
  if (!schema) throw new Error(`${serviceUrl}/openapi.json documents no JSON body for ${method.toUpperCase()} ${path}`);
  const ajv = new Ajv({ strict: false, allErrors: false });
  addFormats(ajv);
  // The document's shared schemas, so that $refs to #/components/schemas/... resolve.
  const validate: ValidateFunction = ajv.compile({ ...(schema as object), components: document.components });
  return (body) => validate(body) === true;
}
