/**
 * `npm run reset-project [-- --name my-worker] [-- --force]`: turns the template into a
 * minimal Hono Worker that keeps the per-request context and its tests. It removes the
 * echo, the page, the Durable Object, the benchmark and every reference to them, puts the
 * starter files (reset-project/starter/) in place, then lets the project's own tools make
 * it consistent: npm install (lockfile), cf-typegen (Env types) and Biome's formatter.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import {
  keptByReset,
  MARKED_FILES,
  REMOVED_PATHS,
  STARTER_FILES,
} from './reset-project/manifest.ts'
import { checkProject, parseOptions, ResetRefused, USAGE } from './reset-project/options.ts'
import {
  deadLinks,
  markedSection,
  type PackageJson,
  pruneLinks,
  removeMarkedBlocks,
  resetBiomeJson,
  resetGitignore,
  resetPackageJson,
} from './reset-project/project-files.ts'

const root = resolve(import.meta.dirname, '..')
const starter = join(import.meta.dirname, 'reset-project', 'starter')
const at = (path: string) => join(root, path)
const readJson = <T>(path: string): T => JSON.parse(readFileSync(at(path), 'utf8'))
const writeJson = (path: string, value: unknown) =>
  writeFileSync(at(path), `${JSON.stringify(value, null, 2)}\n`)

/** The value of a top-level `key = "value"` line of wrangler.toml. */
function wranglerSetting(toml: string, key: string): string {
  const value = new RegExp(`^${key}\\s*=\\s*"([^"]*)"`, 'm').exec(toml)?.[1]
  if (value === undefined) throw new ResetRefused(`wrangler.toml has no ${key} = "…" line.`)
  return value
}

function run(command: string, args: string[]): void {
  console.log(`\n$ ${command} ${args.join(' ')}`)
  execFileSync(command, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' })
}

interface ResetPlan {
  readonly name: string
  /** Whole files to write: the starter's, filled in, and the marked files, trimmed. */
  readonly writes: readonly (readonly [path: string, text: string])[]
}

/** Works out every new file before anything is touched, so that a refusal leaves no trace. */
function planReset(name: string): ResetPlan {
  const toml = readFileSync(at('wrangler.toml'), 'utf8')
  const compatibilityDate = wranglerSetting(toml, 'compatibility_date')
  // The starter README keeps the template's own account of the context.
  const context = markedSection(readFileSync(at('README.md'), 'utf8'), 'context')
  if (context === undefined) {
    throw new ResetRefused(
      'README.md has lost its <!-- context:start --> … <!-- context:end --> markers, around "How the context works": the new README takes that section from them.'
    )
  }
  // Its table names the echo's tests beside the context's: those links go with the echo.
  const keeps = (path: string) => keptByReset(path, (p) => existsSync(at(p)))
  const keptContext = pruneLinks(context, keeps)
  const fill = (text: string) =>
    text
      .replaceAll('{{name}}', name)
      .replaceAll('{{compatibility_date}}', compatibilityDate)
      .replaceAll('{{context}}', keptContext)
  const writes = [
    ...STARTER_FILES.map(
      (path) => [path, fill(readFileSync(join(starter, path), 'utf8'))] as const
    ),
    ...MARKED_FILES.map(
      (path) => [path, removeMarkedBlocks(readFileSync(at(path), 'utf8'), path)] as const
    ),
  ]
  const readme = writes.find(([path]) => path === 'README.md')?.[1] ?? ''
  const dead = deadLinks(readme, keeps)
  if (dead.length > 0)
    throw new Error(`the starter README links to removed files: ${dead.join(', ')}`)
  return { name, writes }
}

function applyReset({ name, writes }: ResetPlan, template: PackageJson): void {
  const removed = REMOVED_PATHS.filter((path) => existsSync(at(path)))
  for (const path of removed) rmSync(at(path), { recursive: true })
  for (const [path, text] of writes) writeFileSync(at(path), text)
  writeJson('package.json', resetPackageJson(template, name))
  writeFileSync(at('biome.json'), resetBiomeJson(readFileSync(at('biome.json'), 'utf8')))
  writeFileSync(at('.gitignore'), resetGitignore(readFileSync(at('.gitignore'), 'utf8')))
  console.log(`Removed: ${removed.map((path) => `${path}/`).join(', ')}`)
  const rewritten = [...writes.map(([path]) => path), 'package.json', 'biome.json', '.gitignore']
  console.log(`Rewritten: ${rewritten.join(', ')}`)
}

function reset(args: string[]): void {
  const options = parseOptions(args)
  if (options.help) {
    console.log(USAGE)
    return
  }
  checkProject(root, options)
  const template = readJson<PackageJson>('package.json')
  const plan = planReset(options.name ?? template.name)
  applyReset(plan, template)
  run('npm', ['install', '--no-audit', '--no-fund'])
  run('npm', ['run', 'cf-typegen'])
  run('npm', ['exec', '--', 'biome', 'format', '--write', '.'])
  console.log(`
${plan.name} is reset: a Hono Worker with the per-request context and its tests.
Next: npm test, npm run check, npm start (then curl http://localhost:8787/).
Already deployed the template, with its Durable Object? Then, before your next deploy,
add to wrangler.toml the migration it was deployed with and one that deletes the class:
  [[migrations]]
  tag = "v1"
  new_sqlite_classes = ["HibernatingEcho"]

  [[migrations]]
  tag = "v2"
  deleted_classes = ["HibernatingEcho"]`)
}

try {
  reset(process.argv.slice(2))
} catch (error) {
  if (!(error instanceof ResetRefused)) throw error
  console.error(`reset-project: ${error.message}`)
  process.exit(1)
}
