/** Every Deploy to Cloudflare button deploys package.json's `repository`. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  DEPLOY_BUTTON_PREFIX,
  deployButtonLinks,
  deployButtonUrl,
  type PackageRepository,
  PLACEHOLDER_REPOSITORY,
  repositoryWebUrl,
} from './deploy-button'
import { trackedFiles } from './tracked-files'

const root = join(import.meta.dirname, '..', '..')
const read = (path: string) => readFileSync(join(root, path), 'utf8')
const { repository } = JSON.parse(read('package.json')) as { repository?: PackageRepository }

describe('repositoryWebUrl', () => {
  it.each([
    ['git+https://github.com/acme/my-worker.git', 'https://github.com/acme/my-worker'],
    ['https://github.com/acme/my-worker', 'https://github.com/acme/my-worker'],
    ['https://github.com/acme/my-worker/', 'https://github.com/acme/my-worker'],
    ['git@github.com:acme/my.worker.git', 'https://github.com/acme/my.worker'],
    ['ssh://git@github.com/acme/my_worker.git', 'https://github.com/acme/my_worker'],
    ['github:acme/my-worker', 'https://github.com/acme/my-worker'],
    ['acme/my-worker', 'https://github.com/acme/my-worker'],
    ['gitlab:acme/my-worker', 'https://gitlab.com/acme/my-worker'],
    ['git@gitlab.com:acme/team/my-worker.git', 'https://gitlab.com/acme/team/my-worker'],
  ])('reads %s as %s', (url, web) => {
    expect(repositoryWebUrl(url)).toBe(web)
    expect(repositoryWebUrl({ url })).toBe(web)
  })

  it.each([
    ['a local clone', '/tmp/fork'],
    ['a relative path', '../my-worker'],
    ['a file URL', 'file:///srv/git/my-worker.git'],
    ['another host', 'https://bitbucket.org/acme/my-worker.git'],
    ['a GitHub owner alone', 'https://github.com/acme'],
    ['a GitHub path below a repository', 'https://github.com/acme/my-worker/tree/main'],
    ['nothing', ''],
  ])('finds no deployable repository in %s', (_what, url) => {
    expect(repositoryWebUrl(url)).toBeUndefined()
  })
})

describe('the Deploy to Cloudflare button', () => {
  const pages = trackedFiles(root).filter((path) => path.endsWith('.md'))
  // A page still to be filled in ({{repository}}) names its repository once it is.
  const buttons = pages.flatMap((page) =>
    deployButtonLinks(read(page))
      .filter((link) => !link.includes('{{'))
      .map((link) => ({ page, link }))
  )

  it('is in README', () => {
    expect(buttons.map(({ page }) => page)).toContain('README.md')
  })

  it("deploys package.json's repository, or says there is none yet", () => {
    const own = repositoryWebUrl(repository)
    if (repository !== undefined && own === undefined) {
      expect.fail(
        `package.json's repository (${JSON.stringify(repository)}) is not a GitHub or GitLab repository, the only ones the button deploys from`
      )
    }
    const expected = deployButtonUrl(own ?? PLACEHOLDER_REPOSITORY)
    for (const { page, link } of buttons) {
      expect(link, `${page}: set package.json's repository and this link to one repository`).toBe(
        expected
      )
    }
  })

  it("names the same repository in every create-cloudflare command's --template", () => {
    const commands = pages.flatMap((page) =>
      [...read(page).matchAll(/npm create cloudflare\S* [^`\n]*--template (\S+?)`/g)].map(
        (match) => ({ page, source: match[1] as string })
      )
    )
    for (const { page, source } of commands) {
      expect(repositoryWebUrl(source), `${page}: --template ${source}`).toBe(
        repositoryWebUrl(repository)
      )
    }
  })

  const { cloudflare } = JSON.parse(read('package.json')) as {
    cloudflare?: { preview_image_url?: string }
  }
  const preview = cloudflare?.preview_image_url
  it.runIf(preview)('shows as its preview an image that repository tracks on main', () => {
    const raw = repositoryWebUrl(repository)?.replace(
      /^https:\/\/github\.com\//,
      'https://raw.githubusercontent.com/'
    )
    expect(preview).toMatch(new RegExp(`^${raw}/main/`))
    expect(trackedFiles(root)).toContain(preview?.slice(`${raw}/main/`.length))
  })

  it('finds the link in a Markdown badge', () => {
    const badge = `[![Deploy to Cloudflare](https://deploy.workers.cloudflare.com/button)](${DEPLOY_BUTTON_PREFIX}https://github.com/a/b)`
    expect(deployButtonLinks(badge)).toEqual([`${DEPLOY_BUTTON_PREFIX}https://github.com/a/b`])
  })
})
