// Copies what one service needs at runtime into a fresh folder laid out like the repository (the Dockerfile's
// runtime stage takes that folder as /app, plus the pruned node_modules):
//   node docker/assemble-image.mjs <service> <out-dir>
// - services/<service>: package.json, dist/, prisma/ (symlinks such as mesh.prisma resolved into plain files),
//   prisma.config.ts and the TypeScript it imports (the Prisma CLI loads its config from source);
// - libs/<lib>: package.json, dist/, bin/ for every @cabs library in the service's `dependencies`, transitively
//   (what docker/production-dependencies.sh links into node_modules);
// - the root package.json (npm workspaces), docker/entrypoint.sh, and the broker's default mesh-config/.
// Only compiled JavaScript is taken from dist/: no declarations, no build info.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const [service, outArg] = process.argv.slice(2);
if (!service || !outArg) fail('usage: node docker/assemble-image.mjs <service> <out-dir>');
const serviceDir = join(root, 'services', service);
if (!existsSync(join(serviceDir, 'package.json'))) fail(`services/${service} is not a service of this repository`);
if (!existsSync(join(serviceDir, 'dist')))
  fail(`services/${service}/dist does not exist: build it first (npx nx build ${service})`);
const out = resolve(outArg);
if (existsSync(out)) rmSync(out, { recursive: true });

/** Extra folders a service reads at runtime: the broker's default MESH_CONFIG (compose mounts its own). */
const EXTRAS = { broker: ['mesh-config'] };

const compiledOnly = (src) => !/\.(tsbuildinfo|d\.ts|d\.ts\.map)$/.test(src);

copy('package.json');
copy('docker/entrypoint.sh');
for (const extra of EXTRAS[service] ?? []) copy(extra);

const servicePath = relative(root, serviceDir);
copy(join(servicePath, 'package.json'));
copy(join(servicePath, 'dist'), compiledOnly);
if (existsSync(join(serviceDir, 'prisma'))) copy(join(servicePath, 'prisma'));
if (existsSync(join(serviceDir, 'prisma.config.ts')))
  for (const file of importedSources(join(serviceDir, 'prisma.config.ts'))) copy(relative(root, file));

for (const lib of workspaceDependencies(serviceDir)) {
  const libPath = relative(root, lib);
  if (!existsSync(join(lib, 'dist')))
    fail(`${libPath}/dist does not exist: build services/${service} first (npx nx build ${service})`);
  copy(join(libPath, 'package.json'));
  copy(join(libPath, 'dist'), compiledOnly);
  if (existsSync(join(lib, 'bin'))) copy(join(libPath, 'bin'));
}

/** Copies a repository path to the same place under `out`, following symlinks so the image needs no link targets. */
function copy(path, filter = () => true) {
  const from = join(root, path);
  if (!existsSync(from)) fail(`${path} is missing`);
  mkdirSync(dirname(join(out, path)), { recursive: true });
  cpSync(from, join(out, path), {
    recursive: true,
    dereference: true,
    filter: (src) => statSync(src).isDirectory() || filter(src),
  });
}

/** The folders of the workspace libraries a project's `dependencies` name, transitively. */
function workspaceDependencies(projectDir, libraries = workspaceLibraries(), seen = new Set()) {
  const { dependencies = {} } = JSON.parse(readFileSync(join(projectDir, 'package.json'), 'utf8'));
  for (const name of Object.keys(dependencies)) {
    const dir = libraries.get(name);
    if (!dir || seen.has(dir)) continue;
    seen.add(dir);
    workspaceDependencies(dir, libraries, seen);
  }
  return seen;
}

/** Package name → folder, for every library in libs/. */
function workspaceLibraries() {
  const libs = join(root, 'libs');
  return new Map(
    readdirSync(libs)
      .filter((dir) => existsSync(join(libs, dir, 'package.json')))
      .map((dir) => [JSON.parse(readFileSync(join(libs, dir, 'package.json'), 'utf8')).name, join(libs, dir)]),
  );
}

/** A TypeScript file and the relative imports it makes (`./x.js` is the source `./x.ts`), transitively. */
function importedSources(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/from\s+'(\.{1,2}\/[^']+)'/g)) {
    importedSources(resolve(dirname(file), specifier.replace(/\.js$/, '.ts')), seen);
  }
  return seen;
}

function fail(message) {
  console.error(`assemble-image: ${message}`);
  process.exit(1);
}
