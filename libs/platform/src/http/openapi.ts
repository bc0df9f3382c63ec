import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { PlatformOptions } from '../platform-options.js';

/** OpenAPI document at /openapi.json and its UI at /docs — every service documents its REST queries and writes. */
export function setupOpenApi(app: INestApplication, options: PlatformOptions): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle(`Cabs ${options.service}`).setDescription(options.description).setVersion('1').build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json', raw: ['json'] });
}
