import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { JsonSchema } from '../json-schema.js';
import type { PublishedVersion } from './check-compatibility.js';

/** Where the published schemas live: one file per type and version, `<type>/v<n>.json`. */
export const BASELINE_DIR = 'libs/contracts/schema-baseline';

export const baselineFile = (root: string, type: string, version: number) =>
  join(root, BASELINE_DIR, type, `v${version}.json`);

export function readBaseline(root: string): PublishedVersion[] {
  const dir = join(root, BASELINE_DIR);
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((type) =>
    readdirSync(join(dir, type))
      .filter((file) => /^v[1-9][0-9]*\.json$/.test(file))
      .map((file) => ({
        type,
        version: Number(file.slice(1, -'.json'.length)),
        schema: JSON.parse(readFileSync(join(dir, type, file), 'utf8')) as JsonSchema,
      })),
  );
}

export function writeBaselineFile(root: string, type: string, version: number, schema: JsonSchema): void {
  const file = baselineFile(root, type, version);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(schema, null, 2)}\n`);
}
