/**
 * What `npm run reset-project` will do to a project, worked out before anything is touched
 * (so that a refusal leaves no trace), and the tree it leaves, for the tests to read.
 */
import { existsSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import {
  deployButtonUrl,
  PLACEHOLDER_REPOSITORY,
  repositoryWebUrl,
} from '../../test/docs/deploy-button.ts'
import {
  isRemovedPath,
  keptByReset,
  MARKED_FILES,
  REMOVED_PATHS,
  STARTER_FILES,
} from './manifest.ts'
import { ResetRefused } from './options.ts'
import {
  deadLinks,
  markedSection,
  type PackageJson,
  pruneLinks,
  removeMarkedBlocks,
  resetBiomeJson,
  resetGitignore,
  resetLicense,
  resetPackageJson,
} from './project-files.ts'

export interface ResetPlan {
  readonly name: string
  /** The template's own name, as its package.json has it. */
  readonly templateName: string
  /** The new project's repository, which its Deploy button deploys; none if git names none of its own. */
  readonly repository?: string
  /** Why the Deploy button carries a placeholder, when it does. */
  readonly noRepository?: string
  /** Deleted, each with every file under it. */
  readonly removed: readonly string[]
  /** Whole files to write: the starter's, filled in, and the template's, edited. */
  readonly writes: ReadonlyMap<string, string>
}

/** The value of a top-level `key = "value"` line of wrangler.toml. */
function wranglerSetting(toml: string, key: string): string {
  const value = new RegExp(`^${key}\\s*=\\s*"([^"]*)"`, 'm').exec(toml)?.[1]
  if (value === undefined) throw new ResetRefused(`wrangler.toml has no ${key} = "…" line.`)
  return value
}

export interface ResetInputs {
  /** The new name (the template's own if none). */
  readonly name?: string
  /** The URL of git's remote `origin`, if it has one. */
  readonly remote?: string
  readonly year?: number
}

/** The new project's repository from its git remote, or why there is none to deploy. */
function ownRepository(
  remote: string | undefined,
  templateRepository: string
): { repository?: string; noRepository?: string } {
  if (remote === undefined) return { noRepository: 'git has no remote "origin"' }
  const repository = repositoryWebUrl(remote)
  if (repository === undefined)
    return { noRepository: `origin (${remote}) is not on GitHub or GitLab` }
  if (repository === templateRepository)
    return { noRepository: `origin is still the repository this project was cloned from` }
  return { repository }
}

/** The reset of the project at `root`. */
export function planReset(
  root: string,
  { name, remote, year = new Date().getFullYear() }: ResetInputs = {}
): ResetPlan {
  const at = (path: string) => join(root, path)
  const read = (path: string) => readFileSync(at(path), 'utf8')
  const template = JSON.parse(read('package.json')) as PackageJson
  const newName = name ?? template.name
  const templateRepository = repositoryWebUrl(template.repository)
  if (templateRepository === undefined)
    throw new ResetRefused('package.json has no GitHub or GitLab repository to credit.')
  const { repository, noRepository } = ownRepository(remote, templateRepository)
  const compatibilityDate = wranglerSetting(read('wrangler.toml'), 'compatibility_date')
  // The starter README keeps the template's own account of the context.
  const context = markedSection(read('README.md'), 'context')
  if (context === undefined) {
    throw new ResetRefused(
      'README.md has lost its <!-- context:start --> … <!-- context:end --> markers, around "How the context works": the new README takes that section from them.'
    )
  }
  // A link to a file the reset removes keeps its words and loses its target.
  const keeps = (path: string) => keptByReset(path, (p) => existsSync(at(p)))
  const keptContext = pruneLinks(context, keeps)
  const fill = (text: string) =>
    text
      .replaceAll('{{name}}', newName)
      .replaceAll('{{compatibility_date}}', compatibilityDate)
      .replaceAll('{{context}}', keptContext)
      .replaceAll('{{template_repository}}', templateRepository)
      .replaceAll('{{deploy_button_url}}', deployButtonUrl(repository ?? PLACEHOLDER_REPOSITORY))
  const starter = join(import.meta.dirname, 'starter')
  const writes = new Map<string, string>([
    ...STARTER_FILES.map(
      (path) => [path, fill(readFileSync(join(starter, path), 'utf8'))] as const
    ),
    ...MARKED_FILES.map((path) => [path, removeMarkedBlocks(read(path), path)] as const),
    [
      'package.json',
      `${JSON.stringify(resetPackageJson(template, newName, repository), null, 2)}\n`,
    ],
    ['biome.json', resetBiomeJson(read('biome.json'))],
    ['.gitignore', resetGitignore(read('.gitignore'))],
    ['LICENSE', resetLicense(read('LICENSE'), newName, year)],
  ])
  const dead = deadLinks(writes.get('README.md') ?? '', keeps)
  if (dead.length > 0)
    throw new Error(`the starter README links to removed files: ${dead.join(', ')}`)
  return {
    name: newName,
    templateName: template.name,
    repository,
    noRepository,
    removed: REMOVED_PATHS.filter((path) => existsSync(at(path))),
    writes,
  }
}

/**
 * The files the plan leaves, path → text, before the reset's npm install, cf-typegen and
 * formatter run: `files` (the project's, as `git ls-files` lists them) that it keeps, as
 * they are or as it rewrites them, and the starter's.
 */
export function resetTree(
  root: string,
  plan: ResetPlan,
  files: readonly string[]
): Map<string, string> {
  const tree = new Map<string, string>()
  for (const path of files) {
    const file = join(root, path)
    if (isRemovedPath(path) || plan.writes.has(path)) continue
    // git lists what was deleted but not committed, and a symlink to a folder.
    if (!existsSync(file) || !statSync(file).isFile()) continue
    tree.set(path, readFileSync(file, 'utf8'))
  }
  for (const [path, text] of plan.writes) tree.set(path, text)
  return tree
}
