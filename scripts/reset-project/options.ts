/** The reset's command line, and the checks it makes before it touches a file. */
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { ALREADY_RESET } from './manifest.ts'

export const USAGE = `Usage: npm run reset-project [-- --name my-worker] [-- --force]

Removes the echo, the page, the Durable Object, the benchmark and their tests, and leaves
a minimal Hono Worker that keeps the per-request context (src/context) and its tests.
  --name NAME  also rename the project (package.json, wrangler.toml, README)
  --force      reset even though git reports uncommitted changes`

export interface ResetOptions {
  readonly name?: string
  readonly force: boolean
  readonly help: boolean
}

/** A refusal: printed as it is, without a stack trace. */
export class ResetRefused extends Error {}

// Worker names: lowercase letters, digits and dashes, at most 63, no dash at either end.
const WORKER_NAME = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/

export function parseOptions(args: string[]): ResetOptions {
  let values: { name?: string; force?: boolean; help?: boolean }
  try {
    ;({ values } = parseArgs({
      args,
      options: {
        name: { type: 'string' },
        force: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }))
  } catch (error) {
    throw new ResetRefused(`${(error as Error).message}\n\n${USAGE}`)
  }
  const { name, force = false, help = false } = values
  if (name !== undefined && !WORKER_NAME.test(name)) {
    throw new ResetRefused(
      `--name ${JSON.stringify(name)} is not a Worker name: use lowercase letters, digits and dashes (at most 63, no dash at either end).`
    )
  }
  return { name, force, help }
}

/** Refuses a project that was already reset, or one with uncommitted changes unless forced. */
export function checkProject(root: string, { force }: ResetOptions): void {
  if (!existsSync(join(root, 'src', 'echo'))) {
    throw new ResetRefused(`${ALREADY_RESET} (src/echo/ is not there.)`)
  }
  if (force) return
  const changes = uncommittedChanges(root)
  if (changes.length > 0) {
    throw new ResetRefused(
      `git reports ${changes.length} uncommitted change(s), for example ${changes[0]}.\n` +
        'The reset deletes and rewrites files: commit or stash your changes first, so that ' +
        'git can show what it did, or run `npm run reset-project -- --force`.'
    )
  }
}

/** What `git args` prints in `root`; undefined outside a checkout, without git, or on a failure. */
function gitOutput(root: string, args: string[]): string | undefined {
  try {
    return execFileSync('git', args, {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    })
  } catch {
    return undefined
  }
}

/** `git status --porcelain` lines; none outside a git checkout or without git. */
function uncommittedChanges(root: string): string[] {
  const status = gitOutput(root, ['status', '--porcelain', '--', '.']) ?? ''
  return status.split('\n').filter((line) => line.trim() !== '')
}

/** The URL of git's remote `origin`; undefined without one, outside a checkout or without git. */
export function originRemote(root: string): string | undefined {
  const url = gitOutput(root, ['remote', 'get-url', 'origin'])?.trim()
  return url === '' ? undefined : url
}
