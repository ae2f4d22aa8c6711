/**
 * `npm run reset-project [-- --name my-worker] [-- --force]`: turns the template into a
 * minimal Hono Worker that keeps the per-request context and its tests. It deletes the
 * echo, the page, the Durable Object, the lab, the docs and itself, puts the starter
 * (reset-project/starter/) in place, and lets the project's tools make the rest agree:
 * npm install (lockfile), cf-typegen (Env types) and Biome's formatter.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { parseArgs } from 'node:util'

/** What the reset deletes, each with everything under it. */
export const REMOVED = [
  ...['src/echo', 'src/page', 'src/http-answers', 'test/echo', 'test/page', 'test/e2e/echo'],
  ...['lab', 'docs', 'test/docs/readme-length.test.ts', 'scripts'],
]
export const STARTER = join(import.meta.dirname, 'reset-project', 'starter')
export const ALREADY_RESET = 'This project was already reset from the template: nothing to do.'
const USAGE = `Usage: npm run reset-project [-- --name my-worker] [-- --force]
  --name NAME  also rename the project (package.json, wrangler.toml, README)
  --force      reset even though git reports uncommitted changes`

/** A refusal, printed without a stack trace. */
export class ResetRefused extends Error {}

export interface ResetOptions {
  readonly name?: string
  readonly force: boolean
}

// Worker names: lowercase letters, digits and dashes, at most 63, no dash at either end.
const WORKER_NAME = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/

export function parseOptions(args: string[]): ResetOptions {
  let values: { name?: string; force?: boolean }
  try {
    ;({ values } = parseArgs({
      args,
      options: { name: { type: 'string' }, force: { type: 'boolean' } },
    }))
  } catch (error) {
    throw new ResetRefused(`${(error as Error).message}\n${USAGE}`)
  }
  if (values.name !== undefined && !WORKER_NAME.test(values.name)) {
    throw new ResetRefused(
      `--name ${JSON.stringify(values.name)} is not a Worker name: use lowercase letters, digits and dashes.`
    )
  }
  return { name: values.name, force: values.force ?? false }
}

/** The web address of a GitHub or GitLab remote (what the Deploy button takes), else undefined. */
export function repositoryOf(remote: string | undefined): string | undefined {
  const match =
    /^(?:git\+)?(?:https:\/\/|ssh:\/\/git@|git@)(github\.com|gitlab\.com)[/:](.+?)(?:\.git)?\/?$/.exec(
      remote ?? ''
    )
  return match?.[2]?.includes('/') ? `https://${match[1]}/${match[2]}` : undefined
}

/** What the fork deploys from: git's origin, unless that is still the template's own repository. */
export const forkRepository = (origin: string, template: string): string | undefined =>
  repositoryOf(origin) === repositoryOf(template) ? undefined : repositoryOf(origin)

type Package = Record<string, unknown> & {
  scripts: Record<string, string>
  devDependencies: Record<string, string>
}

/** package.json without the echo, the page, the lab and the reset: what a fork keeps. */
export function resetPackage(pkg: Package, name: string, repository: string | undefined): Package {
  const { workspaces: _lab, repository: _template, cloudflare: _echo, ...rest } = pkg
  const { bench: _b, 'bench:profile': _p, ...scripts } = pkg.scripts
  const { 'fast-check': _f, ws: _w, '@types/ws': _t, ...devDependencies } = pkg.devDependencies
  return {
    ...rest,
    name,
    description: 'A Hono Worker that keeps a per-request context in AsyncLocalStorage.',
    ...(repository && { repository: { type: 'git', url: `git+${repository}.git` } }),
    cloudflare: { label: name, products: ['Workers'], categories: ['starter'] },
    scripts: {
      ...scripts,
      'reset-project': `echo '${ALREADY_RESET}' >&2; exit 1`,
      check: String(scripts.check).replace(' && tsc -p scripts/tsconfig.json', ''),
    },
    devDependencies,
  }
}

const git = (root: string, args: string[]): string => {
  try {
    return execFileSync('git', args, {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim()
  } catch {
    return '' // Not a checkout, or no git.
  }
}

/** The starter's files, relative to STARTER. */
const starterFiles = (): string[] =>
  readdirSync(STARTER, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(STARTER, join(entry.parentPath, entry.name)))

function reset(root: string, options: ResetOptions): void {
  if (!existsSync(join(root, 'src', 'echo'))) throw new ResetRefused(ALREADY_RESET)
  const changes = options.force ? '' : git(root, ['status', '--porcelain', '--', '.'])
  if (changes) {
    throw new ResetRefused(
      `git reports uncommitted changes (${changes.split('\n')[0]}): commit or stash them first, or run npm run reset-project -- --force.`
    )
  }
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Package
  const name = options.name ?? String(pkg.name)
  const template = String((pkg.repository as { url?: string } | undefined)?.url ?? '')
  const repository = forkRepository(git(root, ['remote', 'get-url', 'origin']), template)
  const button = repository ?? 'https://github.com/YOUR-ACCOUNT/YOUR-REPOSITORY'
  const toml = readFileSync(join(root, 'wrangler.toml'), 'utf8')
  const date = /^compatibility_date = "(.*)"$/m.exec(toml)?.[1] ?? ''
  const fill = (text: string) =>
    text
      .replaceAll('{{name}}', name)
      .replaceAll('{{repository}}', button)
      .replaceAll('{{compatibility_date}}', date)
  const files = new Map(
    starterFiles().map((path) => [path, fill(readFileSync(join(STARTER, path), 'utf8'))])
  )
  for (const path of REMOVED) rmSync(join(root, path), { recursive: true, force: true })
  for (const [path, text] of files) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), text)
  }
  writeFileSync(
    join(root, 'package.json'),
    `${JSON.stringify(resetPackage(pkg, name, repository), null, 2)}\n`
  )
  const license = readFileSync(join(root, 'LICENSE'), 'utf8')
  writeFileSync(
    join(root, 'LICENSE'),
    license.replace(
      /^Copyright .*$/m,
      (line) =>
        `Copyright (c) ${new Date().getFullYear()} ${name} contributors\n${line} (the template this project started from)`
    )
  )
  for (const [command, ...args] of [
    ['npm', 'install', '--no-audit', '--no-fund'],
    ['npm', 'run', 'cf-typegen'],
    ['npm', 'exec', '--', 'biome', 'format', '--write', '.'],
  ]) {
    execFileSync(command as string, args, { cwd: root, stdio: 'inherit' })
  }
  console.log(`
${name} is reset: a Hono Worker with the per-request context and its tests (started from ${template}).
Next: npm test, npm run check, npm start. LICENSE's first copyright line names "${name} contributors": put the holder's name there.
${repository ? `README's Deploy button deploys ${repository}, git's origin.` : "README's Deploy button has a placeholder: put your GitHub or GitLab repository in it and in package.json."}
Already deployed the template with its Durable Object? Add to wrangler.toml, before your next deploy:
  [[migrations]]
  tag = "v1"
  new_sqlite_classes = ["HibernatingEcho"]

  [[migrations]]
  tag = "v2"
  deleted_classes = ["HibernatingEcho"]`)
}

if (import.meta.main) {
  try {
    reset(resolve(import.meta.dirname, '..'), parseOptions(process.argv.slice(2)))
  } catch (error) {
    if (!(error instanceof ResetRefused)) throw error
    console.error(`reset-project: ${error.message}`)
    process.exit(1)
  }
}
