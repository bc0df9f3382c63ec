import { existsSync } from 'node:fs';
import { dirname, extname, join, posix } from 'node:path';

/** A reference to a file that is not there: where it is written, and what it names. */
export interface BrokenLink {
  file: string;
  line: number;
  target: string;
}

/** Repository paths as prose writes them in comments and docs: `docs/contract.md`, `services/broker/README.md`. */
const REPO_PATH =
  /(?<![\w./@-])((?:docs|services|libs|tools|e2e|k8s|mesh-config|compose|docker)\/[\w.@/-]*\.[A-Za-z]{1,8})(?![\w/-])/g;
/** A Markdown file named without its folder: `contract.md`. It must be one of the repository's. */
const BARE_MARKDOWN = /(?<![\w./@-])([\w-]+\.md)(?![\w/-])/g;
/** `[text](target)` and `![alt](target)`, with an optional title. */
const MARKDOWN_LINK = /!?\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;
const URL_SCHEME = /^[a-z][a-z\d+.-]*:/i;

/** How each kind of file writes a comment: the comment part of a line, or undefined when it has none. */
const COMMENTS: Record<string, (line: string) => string | undefined> = {
  slashes: (line) => {
    const trimmed = line.trimStart();
    if (/^(\/\/|\/\*|\*)/.test(trimmed)) return trimmed;
    const trailing = line.search(/\s\/\/\s|\/\*/);
    return trailing >= 0 ? line.slice(trailing) : undefined;
  },
  hash: (line) => {
    const at = line.search(/(^|\s)#/);
    return at >= 0 ? line.slice(at) : undefined;
  },
  dashes: (line) => {
    const at = line.indexOf('--');
    return at >= 0 ? line.slice(at) : undefined;
  },
};

const COMMENT_STYLE: Record<string, keyof typeof COMMENTS> = {
  '.ts': 'slashes',
  '.tsx': 'slashes',
  '.js': 'slashes',
  '.mjs': 'slashes',
  '.cjs': 'slashes',
  '.css': 'slashes',
  '.prisma': 'slashes',
  '.yaml': 'hash',
  '.yml': 'hash',
  '.sh': 'hash',
  '.toml': 'hash',
  '.sql': 'dashes',
};

function commentStyle(file: string): keyof typeof COMMENTS | undefined {
  const name = posix.basename(file);
  if (name === 'Dockerfile' || name === '.dockerignore' || name === '.gitignore' || name === 'run') return 'hash';
  return COMMENT_STYLE[extname(name)];
}

/**
 * Every reference to a missing file in `files` (paths from `root`): in Markdown, relative links and images (from
 * the file's folder) and repository paths in the prose (from the root); in code and configuration, repository paths
 * in comments. A Markdown file named without a folder must be one of `files`. Web addresses and in-page anchors are
 * not files and are left alone.
 */
export function brokenLinks(root: string, files: readonly string[], read: (file: string) => string): BrokenLink[] {
  const broken: BrokenLink[] = [];
  // Build output (`tools/bench/dist/broker/broker-bench.js`) is there once built: its source must be.
  const sourceOf = (path: string) =>
    path.includes('/dist/') ? path.replace('/dist/', '/src/').replace(/\.js$/, '.ts') : path;
  const missing = (path: string) => !existsSync(join(root, sourceOf(path)));
  const markdownNames = new Set(files.filter((file) => extname(file) === '.md').map((file) => posix.basename(file)));
  for (const file of files) {
    const markdown = extname(file) === '.md';
    const style = markdown ? undefined : commentStyle(file);
    if (!markdown && !style) continue;
    read(file)
      .split('\n')
      .forEach((text, index) => {
        const line = index + 1;
        const comment = markdown ? text : COMMENTS[style as keyof typeof COMMENTS](text);
        if (comment === undefined) return;
        if (markdown) {
          for (const [, target] of comment.matchAll(MARKDOWN_LINK)) {
            if (URL_SCHEME.test(target) || target.startsWith('#')) continue;
            const path = posix.normalize(posix.join(dirname(file), decodeURI(target.split('#')[0])));
            if (missing(path)) broken.push({ file, line, target });
          }
        }
        // A link's target was checked above; the prose around it is checked here.
        const prose = markdown ? comment.replace(MARKDOWN_LINK, ' ') : comment;
        for (const [, target] of prose.matchAll(REPO_PATH)) {
          if (missing(target)) broken.push({ file, line, target });
        }
        for (const [, target] of prose.matchAll(BARE_MARKDOWN)) {
          if (!markdownNames.has(target)) broken.push({ file, line, target });
        }
      });
  }
  return broken;
}
