/** The edits the reset makes inside package.json, biome.json, .gitignore, LICENSE and README: pure functions. */
import {
  ALREADY_RESET,
  ECHO_BINDINGS,
  ECHO_ONLY_DEV_DEPENDENCIES,
  ECHO_ONLY_SCRIPTS,
  REMOVED_PATHS,
} from './manifest.ts'

export interface PackageJson {
  name: string
  description?: string
  repository?: string | { type?: string; url?: string }
  scripts?: Record<string, string>
  devDependencies?: Record<string, string>
  cloudflare?: {
    label?: string
    products?: string[]
    bindings?: Record<string, { description: string }>
    [field: string]: unknown
  }
  [field: string]: unknown
}

/** True if `text` names a path the reset deletes (`bench/tsconfig.json`, `!bench/results`). */
export function mentionsRemovedPath(text: string): boolean {
  return REMOVED_PATHS.some((path) => new RegExp(`(^|[\\s!/"'])${path}(/|$|\\s)`).test(text))
}

const DESCRIPTION =
  'A Cloudflare Worker that keeps per-request context in AsyncLocalStorage, built with Hono.'

/**
 * `repository`: the new project's own (its web address), which the starter README's Deploy
 * button deploys; without one, package.json names none rather than the template's.
 */
export function resetPackageJson(
  template: PackageJson,
  name: string,
  repository?: string
): PackageJson {
  const pkg: PackageJson = structuredClone(template)
  pkg.name = name
  pkg.description = DESCRIPTION
  if (repository === undefined) delete pkg.repository
  else pkg.repository = { type: 'git', url: `git+${repository}.git` }
  const scripts = pkg.scripts ?? {}
  for (const script of ECHO_ONLY_SCRIPTS) delete scripts[script]
  if (scripts.check) {
    scripts.check = scripts.check
      .split(' && ')
      .filter((step) => !mentionsRemovedPath(step))
      .join(' && ')
  }
  // Refuses clearly rather than leaving npm to say that the script is missing.
  scripts['reset-project'] = `node -e "console.error('${ALREADY_RESET}'); process.exit(1)"`
  for (const dependency of ECHO_ONLY_DEV_DEPENDENCIES) delete pkg.devDependencies?.[dependency]
  const { cloudflare } = pkg
  if (cloudflare) {
    cloudflare.label = name
    // The screenshot is of the echo's page, in docs/: both go.
    delete cloudflare.preview_image_url
    cloudflare.products = cloudflare.products?.filter((product) => product !== 'Durable Objects')
    for (const binding of ECHO_BINDINGS) delete cloudflare.bindings?.[binding]
    if (cloudflare.bindings && Object.keys(cloudflare.bindings).length === 0) {
      delete cloudflare.bindings
    }
  }
  return pkg
}

export interface BiomeJson {
  files?: { includes?: string[] }
  [field: string]: unknown
}

/** Drops the globs of removed paths from `files.includes`, keeping the file's layout. */
export function resetBiomeJson(template: string): string {
  const globs: string[] = (JSON.parse(template) as BiomeJson).files?.includes ?? []
  let text = template
  for (const glob of globs.filter(mentionsRemovedPath)) {
    const quoted = JSON.stringify(glob).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    text = text.replace(new RegExp(`\\s*,\\s*${quoted}|${quoted}\\s*,\\s*`), '')
  }
  const includes = (JSON.parse(text) as BiomeJson).files?.includes ?? []
  if (includes.some(mentionsRemovedPath))
    throw new Error('biome.json: could not drop every removed path')
  return text
}

export function resetGitignore(template: string): string {
  return template
    .split('\n')
    .filter((line) => !mentionsRemovedPath(line))
    .join('\n')
}

const BLOCK_START = '[reset-project: remove from here]'
const BLOCK_END = '[reset-project: to here]'

/** Removes every marked block, marker lines included; refuses unbalanced markers. */
export function removeMarkedBlocks(text: string, file: string): string {
  const kept: string[] = []
  let inside = false
  let afterBlock = false
  for (const line of text.split('\n')) {
    if (line.includes(BLOCK_START)) {
      if (inside) throw new Error(`${file}: "${BLOCK_START}" inside a marked block`)
      inside = true
    } else if (line.includes(BLOCK_END)) {
      if (!inside) throw new Error(`${file}: "${BLOCK_END}" without a start`)
      inside = false
      afterBlock = true
    } else if (!inside) {
      // A block between two blank lines leaves one, not two.
      const doubleBlank = afterBlock && line.trim() === '' && kept.at(-1)?.trim() === ''
      if (!doubleBlank) kept.push(line)
      afterBlock = false
    }
  }
  if (inside) throw new Error(`${file}: a marked block has no "${BLOCK_END}"`)
  return kept.join('\n')
}

/** What lies between `<!-- name:start -->` and `<!-- name:end -->`, trimmed; undefined without. */
export function markedSection(markdown: string, name: string): string | undefined {
  const start = markdown.indexOf(`<!-- ${name}:start -->`)
  const end = markdown.indexOf(`<!-- ${name}:end -->`)
  if (start === -1 || end < start) return undefined
  return markdown.slice(start + `<!-- ${name}:start -->`.length, end).trim()
}

/** The relative link targets in `markdown` (no URLs, no anchors) that `exists` denies. */
export function deadLinks(markdown: string, exists: (path: string) => boolean): string[] {
  const targets = [...markdown.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1] as string)
  return targets
    .filter((target) => !/^[a-z]+:/i.test(target) && !target.startsWith('#'))
    .map((target) => target.replace(/#.*$/, ''))
    .filter((path) => !exists(path))
}

/**
 * Drops the links whose target `keeps` denies, with the ", " that joined them to a
 * neighbour, as in a table cell that names several tests: `[a](x), [b](y)` keeps `[a](x)`.
 */
export function pruneLinks(markdown: string, keeps: (path: string) => boolean): string {
  return markdown
    .replace(/(, )?\[[^\]]*\]\(([^)\s#]+)(#[^)]*)?\)/g, (link, _joined, path: string) =>
      /^[a-z]+:/i.test(path) || keeps(path) ? link : ''
    )
    .replace(/(^|\| ), /gm, '$1')
}

const COPYRIGHT = /^Copyright \(c\) (\d{4}) (.+)$/m

/**
 * Names the fork (`<name> contributors`, this year) as the copyright holder, and keeps the
 * template's notice under it: the MIT license asks that it stay with the code the fork keeps.
 */
export function resetLicense(template: string, name: string, year: number): string {
  const notice = COPYRIGHT.exec(template)
  if (!notice) throw new Error('LICENSE: no "Copyright (c) <year> <holder>" line')
  const [line, templateYear, holder] = notice as unknown as [string, string, string]
  return template.replace(
    line,
    `Copyright (c) ${year} ${name} contributors\n` +
      `Copyright (c) ${templateYear} ${holder} (the template this project started from)`
  )
}
