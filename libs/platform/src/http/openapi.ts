import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { PlatformOptions } from '../platform-options.js';

/** OpenAPI document at /openapi.json and its UI at /docs — every service documents its REST queries and writes. */
export function setupOpenApi(app: INestApplication, options: PlatformOptions): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle(`Cabs ${options.service}`).setDescription(options.description).setVersion('1').build(),
  );
  documentDatabaseUnavailable(document);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json', raw: ['json'] });
}

/** Every documented route can meet a database restart: say what it answers then (DatabaseUnavailableInterceptor). */
function documentDatabaseUnavailable(document: OpenAPIObject): void {
  for (const path of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = path[method];
      if (operation) operation.responses['503'] ??= { description: 'The database is not reachable right now; nothing was changed. Try again after `Retry-After` seconds.' };
    }
  }
}
