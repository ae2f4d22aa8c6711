/**
 * `npm run reset-project [-- --name my-worker] [-- --force]`: turns the template into a
 * minimal Hono Worker that keeps the per-request context and its tests. It removes the
 * echo, the page, the Durable Object, the benchmark and every reference to them, puts the
 * starter files (reset-project/starter/) in place, then lets the project's own tools make
 * it consistent: npm install (lockfile), cf-typegen (Env types) and Biome's formatter.
 */
import { execFileSync } from 'node:child_process'
import { rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import {
  checkProject,
  originRemote,
  parseOptions,
  ResetRefused,
  USAGE,
} from './reset-project/options.ts'
import { planReset, type ResetPlan } from './reset-project/plan.ts'

const root = resolve(import.meta.dirname, '..')
const at = (path: string) => join(root, path)

function run(command: string, args: string[]): void {
  console.log(`\n$ ${command} ${args.join(' ')}`)
  execFileSync(command, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' })
}

function applyReset({ removed, writes }: ResetPlan): void {
  for (const path of removed) rmSync(at(path), { recursive: true })
  for (const [path, text] of writes) writeFileSync(at(path), text)
  console.log(`Removed: ${removed.map((path) => `${path}/`).join(', ')}`)
  console.log(`Rewritten: ${[...writes.keys()].join(', ')}`)
}

function reset(args: string[]): void {
  const options = parseOptions(args)
  if (options.help) {
    console.log(USAGE)
    return
  }
  checkProject(root, options)
  const plan = planReset(root, { name: options.name, remote: originRemote(root) })
  applyReset(plan)
  run('npm', ['install', '--no-audit', '--no-fund'])
  run('npm', ['run', 'cf-typegen'])
  run('npm', ['exec', '--', 'biome', 'format', '--write', '.'])
  const deploy = plan.repository
    ? `README's Deploy button deploys ${plan.repository} (git's origin), as package.json's repository says.`
    : `README's Deploy button has a placeholder (${plan.noRepository}): once the project is on
GitHub or GitLab, put its address in package.json's repository and in the button's link.`
  console.log(`
${plan.name} is reset: a Hono Worker with the per-request context and its tests.
Next: npm test, npm run check, npm start (then curl http://localhost:8787/). LICENSE's
first copyright line names "${plan.name} contributors": put the holder's name there.
${deploy}
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
