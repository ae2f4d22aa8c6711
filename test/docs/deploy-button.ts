/**
 * The Deploy to Cloudflare button deploys one repository, and package.json's `repository`
 * names it: the docs test checks every button against it, and `npm run reset-project`
 * writes both from the new project's git remote.
 */
export const DEPLOY_BUTTON_PREFIX = 'https://deploy.workers.cloudflare.com/?url='

/** Stands in until the project has a repository; README says what to put in its place. */
export const PLACEHOLDER_REPOSITORY = 'https://github.com/YOUR-ACCOUNT/YOUR-REPOSITORY'

/** package.json's `repository`: a URL, a `github:owner/name` shorthand, or `{ url }`. */
export type PackageRepository = string | { readonly url?: string } | undefined

const SEGMENT = /^(?!\.+$)[\w.-]+$/

/**
 * The web address of a GitHub or GitLab repository (the hosts the button deploys from),
 * from package.json's `repository` or a git remote URL, https or ssh; undefined for any
 * other host, a local path, or nothing.
 */
export function repositoryWebUrl(repository: PackageRepository): string | undefined {
  const url = typeof repository === 'string' ? repository : repository?.url
  if (!url) return undefined
  const shorthand = /^(?:(github|gitlab):)?([\w.-]+\/[\w.-]+)$/.exec(url)
  const [host, path] = shorthand
    ? [`${shorthand[1] ?? 'github'}.com`, shorthand[2] as string]
    : (/^(?:git\+)?(?:https:\/\/|ssh:\/\/git@|git@)(github\.com|gitlab\.com)[/:](.+)$/
        .exec(url)
        ?.slice(1) ?? [])
  const segments =
    path
      ?.replace(/\/$/, '')
      .replace(/\.git$/, '')
      .split('/') ?? []
  // GitLab nests groups (group/subgroup/name); GitHub has exactly owner/name.
  const fits = host === 'github.com' ? segments.length === 2 : segments.length >= 2
  if (!fits || !segments.every((segment) => SEGMENT.test(segment))) return undefined
  return `https://${host}/${segments.join('/')}`
}

export const deployButtonUrl = (repositoryUrl: string): string =>
  `${DEPLOY_BUTTON_PREFIX}${repositoryUrl}`

/** Where each Deploy button link in `markdown` points. */
export const deployButtonLinks = (markdown: string): string[] =>
  [...markdown.matchAll(/\]\((https:\/\/deploy\.workers\.cloudflare\.com\/\?[^)\s]*)\)/g)].map(
    (match) => match[1] as string
  )
