/**
 * What `npm run reset-project` takes out of the template and what it puts in its place.
 * Everything here belongs to the echo, the page, the benchmark or the reset itself; the
 * context (src/context, test/context) and the project's tooling stay.
 */

/** Deleted outright, each with every file under it. */
export const REMOVED_PATHS = [
  'src/echo',
  'src/page',
  // The answers of the removed routes: 405 to other methods, their WebSocket origin.
  'src/http-answers',
  'test/echo',
  'test/page',
  'test/e2e/echo',
  'test/e2e/page',
  'bench',
  'docs',
  // The bound on the template's README: the starter README is the new project's to grow.
  'test/docs/readme-length.test.ts',
  // The reset itself, and the starter files below once they are in place.
  'scripts',
] as const

/** True if `path` (relative to the project) is one the reset deletes, or lies under one. */
export const isRemovedPath = (path: string): boolean =>
  REMOVED_PATHS.some((removed) => path === removed || path.startsWith(`${removed}/`))

/** Starter files (under scripts/reset-project/starter/) that replace the template's. */
export const STARTER_FILES = [
  'src/index.ts',
  'test/index.test.ts',
  'test/e2e/smoke.test.ts',
  'wrangler.toml',
  'README.md',
  'AGENTS.md',
] as const

/** True if `path` exists after a reset: a starter file, or a file of the template that stays. */
export const keptByReset = (path: string, existsNow: (path: string) => boolean): boolean =>
  (STARTER_FILES as readonly string[]).includes(path) || (existsNow(path) && !isRemovedPath(path))

/** Files whose template-only parts lie between `[reset-project: remove from here]` and `[reset-project: to here]` lines. */
export const MARKED_FILES = [
  'vitest.config.ts',
  '.ci/run',
  '.github/workflows/ci.yml',
  'test/tsconfig.json',
  'test/docs/deploy-button.test.ts',
] as const

/** devDependencies that only the removed code imports or runs. */
export const ECHO_ONLY_DEV_DEPENDENCIES = ['fast-check', 'playwright-core', 'ws', '@types/ws']

/** package.json scripts that run removed code. */
export const ECHO_ONLY_SCRIPTS = ['bench', 'bench:profile']

/** Durable Object bindings of the echo, in wrangler.toml and package.json's `cloudflare`. */
export const ECHO_BINDINGS = ['HIBERNATING_ECHO']

/** What the `reset-project` script says once the reset is done. */
export const ALREADY_RESET =
  'This project was already reset from the workers-context-echo template: nothing to do.'
