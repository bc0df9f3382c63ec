import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { workspaceRoot } from '@cabs/postgres';

/** One row of compose/image-lines.yaml: a release line of an image and the last day of its support. */
export interface ImageLine {
  image: string;
  line: string;
  endOfLife: string | null;
}

export function imageLines(): ImageLine[] {
  return parse(readFileSync(join(workspaceRoot(), 'compose/image-lines.yaml'), 'utf8')) as ImageLine[];
}

/** `node:24-trixie-slim` → the node image, and the Debian release under it (`debian:trixie`). */
export function withBaseImage(reference: string): string[] {
  const codename = /^node:\d+-([a-z]+)/.exec(reference)?.[1];
  return codename ? [reference, `debian:${codename}`] : [reference];
}

/** Why `reference` (`repository:tag`) may not be used on `today` (YYYY-MM-DD), or undefined when it may. */
export function lineProblem(reference: string, lines: ImageLine[], today: string): string | undefined {
  const { repository, tag } = splitReference(reference);
  const known = lines.filter((l) => l.image === repository);
  if (!known.length) return `${reference}: ${repository} is not in compose/image-lines.yaml`;
  const line = known.find((l) => tag === l.line || tag.startsWith(`${l.line}.`) || tag.startsWith(`${l.line}-`));
  if (!line) return `${reference}: the tag ${tag} is on none of the lines listed for ${repository}`;
  const ended = line.endOfLife !== null && line.endOfLife < today;
  return ended
    ? `${reference}: the ${repository} ${line.line} line reached its end of life on ${line.endOfLife}`
    : undefined;
}

/** `registry:5000/team/app:1.2` → repository `registry:5000/team/app`, tag `1.2`; no tag means `latest`. */
function splitReference(reference: string): { repository: string; tag: string } {
  const colon = reference.lastIndexOf(':');
  if (colon <= reference.lastIndexOf('/')) return { repository: reference, tag: 'latest' };
  return { repository: reference.slice(0, colon), tag: reference.slice(colon + 1) };
}
