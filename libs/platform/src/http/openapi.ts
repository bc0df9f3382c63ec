import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { PlatformOptions } from '../platform-options.js';

/**
 * OpenAPI document at /openapi.json and its UI at /docs — every service documents its REST queries and writes. The
 * document is built when first asked for, not at start-up, where scanning every route for it cost a fresh service
 * a good part of its time to ready.
 */
export function setupOpenApi(app: INestApplication, options: PlatformOptions): void {
  const info = new DocumentBuilder()
    .setTitle(`Cabs ${options.service}`)
    .setDescription(options.description)
    .setVersion('1')
    .build();
  // SwaggerModule builds it once, on the first request for it.
  SwaggerModule.setup('docs', app, () => documentDatabaseUnavailable(SwaggerModule.createDocument(app, info)), {
    jsonDocumentUrl: 'openapi.json',
    raw: ['json'],
  });
}

/** Every documented route can meet a database restart: say what it answers then (DatabaseUnavailableInterceptor). */
function documentDatabaseUnavailable(document: OpenAPIObject): OpenAPIObject {
  for (const path of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = path[method];
      if (operation)
        operation.responses['503'] ??= {
          description:
            'The database is not reachable right now; nothing was changed. Try again after `Retry-After` seconds.',
        };
    }
  }
  return document;
}
