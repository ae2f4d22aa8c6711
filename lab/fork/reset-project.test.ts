import { execFileSync, spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  ALREADY_RESET,
  forkRepository,
  parseOptions,
  REMOVED,
  ResetRefused,
  repositoryOf,
  resetPackage,
} from '../../scripts/reset-project.ts'

const root = resolve(import.meta.dirname, '..', '..')
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))

/** Runs the reset in a scratch checkout holding `paths` of this one; its exit and stderr. */
function resetIn(paths: string[], dirty: boolean) {
  const dir = mkdtempSync(join(tmpdir(), 'reset-'))
  for (const path of paths) cpSync(join(root, path), join(dir, path), { recursive: true })
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'ignore' })
  git('init', '-q')
  git(
    '-c',
    'user.name=t',
    '-c',
    'user.email=t@localhost',
    'commit',
    '-q',
    '--allow-empty',
    '-m',
    't'
  )
  if (!dirty) git('add', '-A')
  if (!dirty) git('-c', 'user.name=t', '-c', 'user.email=t@localhost', 'commit', '-q', '-m', 'all')
  const script = join(dir, 'scripts', 'reset-project.ts')
  const { status, stderr } = spawnSync(process.execPath, [script], { encoding: 'utf8' })
  return { status, stderr, dir }
}

describe('npm run reset-project', () => {
  it.each(REMOVED)('removes %s, which the template has', (path) => {
    expect(existsSync(join(root, path))).toBe(true)
  })

  it.each([
    [['--name', 'Bad_Name'], 'is not a Worker name'],
    [['--nmae', 'x'], 'Unknown option'],
  ])('refuses %j', (args, message) => {
    expect(() => parseOptions(args)).toThrow(ResetRefused)
    expect(() => parseOptions(args)).toThrow(message)
  })

  it('refuses a project with uncommitted changes, and touches nothing', () => {
    const { status, stderr, dir } = resetIn(['scripts', 'src', 'package.json'], true)
    expect({ status, stderr }).toMatchObject({
      status: 1,
      stderr: expect.stringContaining('uncommitted'),
    })
    expect(existsSync(join(dir, 'src', 'echo'))).toBe(true)
  })

  it('refuses a project that was already reset', () => {
    const { status, stderr } = resetIn(['scripts', 'package.json'], false)
    expect({ status, stderr }).toMatchObject({
      status: 1,
      stderr: expect.stringContaining(ALREADY_RESET),
    })
  })

  it.each([
    ['git@github.com:acme/my-api.git', 'https://github.com/acme/my-api'],
    ['https://gitlab.com/acme/team/my-api', 'https://gitlab.com/acme/team/my-api'],
    ['https://bitbucket.org/acme/my-api.git', undefined],
    ['/srv/git/my-api.git', undefined],
    ['', undefined],
  ])('deploys from origin %j: %s', (remote, repository) => {
    expect(repositoryOf(remote)).toBe(repository)
  })

  it("never deploys the template's own repository, a plain clone's origin", () => {
    const template = pkg.repository.url
    expect(
      forkRepository('git@github.com:workers-context-echo/workers-context-echo.git', template)
    ).toBeUndefined()
    expect(forkRepository('git@github.com:acme/my-api.git', template)).toBe(
      'https://github.com/acme/my-api'
    )
  })

  it('keeps in package.json only what a fork uses', () => {
    const fork = resetPackage(pkg, 'my-api', 'https://github.com/acme/my-api')
    expect(fork).toMatchObject({
      name: 'my-api',
      repository: { url: 'git+https://github.com/acme/my-api.git' },
    })
    expect(fork).not.toHaveProperty('workspaces')
    expect(Object.keys(fork.scripts)).not.toContain('bench')
    expect(fork.scripts['reset-project']).toContain(ALREADY_RESET)
    expect(fork.scripts.check).not.toContain('scripts/')
    expect(Object.keys(fork.devDependencies)).not.toContain('fast-check')
    expect(JSON.stringify(fork.cloudflare)).not.toMatch(/HIBERNATING_ECHO|preview_image_url/)
  })

  it('drops a repository it cannot deploy from', () => {
    expect(resetPackage(pkg, 'my-api', undefined)).not.toHaveProperty('repository')
  })
})
