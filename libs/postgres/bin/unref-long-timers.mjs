// Preloaded into Prisma CLI processes started by migrateDeploy (see src/migrate.ts).
// Prisma 6's Wasm schema engine arms a 10-second timer it never clears, so every `migrate deploy` would sit idle
// for 10 s after finishing. Long timers must not keep this short-lived process alive; everything the CLI is
// still doing holds a socket or a pipe of its own.
const setTimeoutOriginal = globalThis.setTimeout;
globalThis.setTimeout = function setTimeoutUnrefLong(callback, ms, ...args) {
  const timer = setTimeoutOriginal(callback, ms, ...args);
  if (typeof ms === 'number' && ms >= 5000) timer.unref();
  return timer;
};
