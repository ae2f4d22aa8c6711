import { execFileSync, spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  deployButtonLinks,
  deployButtonUrl,
  PLACEHOLDER_REPOSITORY,
} from '../../test/docs/deploy-button.ts'
import { trackedFiles } from '../../test/docs/tracked-files.ts'
import {
  ALREADY_RESET,
  keptByReset,
  MARKED_FILES,
  REMOVED_PATHS,
  STARTER_FILES,
} from '../reset-project/manifest.ts'
import { checkProject, originRemote, parseOptions } from '../reset-project/options.ts'
import { planReset, resetTree } from '../reset-project/plan.ts'
import {
  deadLinks,
  markedSection,
  mentionsRemovedPath,
  type PackageJson,
  pruneLinks,
  removeMarkedBlocks,
  resetBiomeJson,
  resetGitignore,
  resetLicense,
  resetPackageJson,
} from '../reset-project/project-files.ts'
import { findTraces, formatTrace } from '../reset-project/traces.ts'

const root = resolve(import.meta.dirname, '..', '..')
const read = (path: string) => readFileSync(join(root, path), 'utf8')
const templatePackage = JSON.parse(read('package.json')) as PackageJson

describe('reset-project options', () => {
  it('takes a Worker name and --force', () => {
    expect(parseOptions(['--name', 'my-worker', '--force'])).toEqual({
      name: 'my-worker',
      force: true,
      help: false,
    })
  })

  it.each(['My-Worker', 'my_worker', '-worker', 'worker-', 'a'.repeat(64), ''])(
    'refuses --name %j, saying what a Worker name is',
    (name) => {
      expect(() => parseOptions([`--name=${name}`])).toThrow('is not a Worker name')
    }
  )

  it('refuses an unknown option with the usage', () => {
    expect(() => parseOptions(['--nmae', 'x'])).toThrow('Usage: npm run reset-project')
  })
})

describe('reset-project edits', () => {
  const reset = resetPackageJson(templatePackage, 'my-worker')

  it('renames the project and drops the scripts and dependencies only the echo uses', () => {
    expect(reset.name).toBe('my-worker')
    expect(Object.keys(reset.scripts ?? {})).not.toContain('bench')
    expect(reset.scripts?.check).not.toMatch(/bench|scripts\//)
    expect(reset.scripts?.check).toContain('tsc -p test/tsconfig.json')
    expect(Object.keys(reset.devDependencies ?? {})).toEqual(
      expect.not.arrayContaining(['fast-check', 'playwright-core', 'ws', '@types/ws'])
    )
    expect(reset.devDependencies).toHaveProperty('wrangler')
  })

  it("drops the Durable Object and the page's screenshot from the deploy button metadata", () => {
    expect(templatePackage.cloudflare).toHaveProperty('preview_image_url')
    expect(reset.cloudflare).toEqual({
      ...templatePackage.cloudflare,
      label: 'my-worker',
      products: ['Workers'],
      bindings: undefined,
      preview_image_url: undefined,
    })
  })

  it('leaves a reset-project script that refuses', () => {
    const script = reset.scripts?.['reset-project'] ?? ''
    const run = spawnSync('sh', ['-c', script], { encoding: 'utf8' })
    expect(run.status).toBe(1)
    expect(run.stderr.trim()).toBe(ALREADY_RESET)
  })

  it("drops the bench's globs from biome.json and keeps the rest as it was", () => {
    const biome = resetBiomeJson(read('biome.json'))
    expect(biome).not.toContain('bench')
    expect(JSON.parse(biome)).toEqual({
      ...JSON.parse(read('biome.json')),
      files: { includes: ['**', '!worker-configuration.d.ts'] },
    })
  })

  it('drops ignore rules of removed folders from .gitignore', () => {
    expect(resetGitignore('node_modules/\nbench/results/*.tmp\ncoverage/\n')).toBe(
      'node_modules/\ncoverage/\n'
    )
  })

  it.each(MARKED_FILES)('takes every template-only block out of %s', (file) => {
    const text = removeMarkedBlocks(read(file), file)
    expect(text).not.toMatch(/reset-project|bench|chromium|python3-websockets/)
    expect(text).not.toMatch(/\n\n\n/)
  })
})

describe('removeMarkedBlocks', () => {
  const start = '# [reset-project: remove from here]'
  const end = '# [reset-project: to here]'

  it.each([
    ['no block', 'a\nb\n', 'a\nb\n'],
    ['one block', `a\n${start}\nx\n${end}\nb\n`, 'a\nb\n'],
    ['two blocks', `a\n${start}\nx\n${end}\nb\n${start}\ny\n${end}\n`, 'a\nb\n'],
    ['a block between blank lines', `a\n\n${start}\nx\n${end}\n\nb\n`, 'a\n\nb\n'],
  ])('removes %s', (_name, text, expected) => {
    expect(removeMarkedBlocks(text, 'file')).toBe(expected)
  })

  it.each([
    ['an end without a start', `a\n${end}\n`],
    ['a start without an end', `${start}\na\n`],
    ['a start inside a block', `${start}\n${start}\n${end}\n`],
  ])('refuses %s', (_name, text) => {
    expect(() => removeMarkedBlocks(text, 'file')).toThrow('file:')
  })
})

describe('mentionsRemovedPath', () => {
  it.each(['tsc -p bench/tsconfig.json', '!bench/results', 'bench/results/*.tmp', 'docs/page.png'])(
    'sees a removed path in %j',
    (text) => {
      expect(mentionsRemovedPath(text)).toBe(true)
    }
  )

  it.each([
    'tsc -p test/tsconfig.json',
    'benchmark',
    'biome check .',
    '!worker-configuration.d.ts',
  ])('sees none in %j', (text) => {
    expect(mentionsRemovedPath(text)).toBe(false)
  })
})

describe("reset-project's manifest", () => {
  it.each(REMOVED_PATHS)('names %s, which the template has', (path) => {
    expect(existsSync(join(root, path))).toBe(true)
  })

  it.each(STARTER_FILES)('has a starter file for %s', (path) => {
    expect(existsSync(join(root, 'scripts/reset-project/starter', path))).toBe(true)
  })
})

/** A scratch project: package.json, and src/echo unless `reset` says it is gone. */
function scratchProject({ reset = false, git = false } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'reset-project-'))
  writeFileSync(join(dir, 'package.json'), '{"name":"scratch","type":"module"}\n')
  if (!reset) {
    mkdirSync(join(dir, 'src', 'echo'), { recursive: true })
    writeFileSync(join(dir, 'src', 'echo', 'echo.ts'), 'export {}\n')
  }
  if (git) {
    const gitIn = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'ignore' })
    gitIn('init', '-q')
    gitIn('add', '-A')
    gitIn('-c', 'user.name=test', '-c', 'user.email=test@localhost', 'commit', '-qm', 'template')
  }
  return dir
}

describe('reset-project refusals', () => {
  it('refuses a project that was already reset', () => {
    expect(() =>
      checkProject(scratchProject({ reset: true }), { force: false, help: false })
    ).toThrow(ALREADY_RESET)
  })

  it('asks for --force when git reports uncommitted changes, and goes on with it', () => {
    const dir = scratchProject({ git: true })
    expect(() => checkProject(dir, { force: false, help: false })).not.toThrow()
    writeFileSync(join(dir, 'notes.txt'), 'mine\n')
    expect(() => checkProject(dir, { force: false, help: false })).toThrow(
      /1 uncommitted change.*--force/s
    )
    expect(() => checkProject(dir, { force: true, help: false })).not.toThrow()
  })

  it('prints the refusal without a stack trace and exits 1, touching nothing', () => {
    const dir = scratchProject({ reset: true })
    // The reset's files, and the Deploy button's link that it shares with the docs test.
    const resetFiles = (path: string) =>
      path.startsWith('scripts/') || path === 'test/docs/deploy-button.ts'
    for (const path of trackedFiles(root).filter(resetFiles)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true })
      cpSync(join(root, path), join(dir, path))
    }
    const run = spawnSync(process.execPath, [join(dir, 'scripts', 'reset-project.ts')], {
      cwd: dir,
      encoding: 'utf8',
    })
    expect(run.status).toBe(1)
    expect(run.stderr).toBe(`reset-project: ${ALREADY_RESET} (src/echo/ is not there.)\n`)
    expect(existsSync(join(dir, 'scripts'))).toBe(true)
  })
})

describe('the starter README', () => {
  const keeps = (path: string) => keptByReset(path, (p) => existsSync(join(root, p)))
  const context = pruneLinks(markedSection(read('README.md'), 'context') ?? '', keeps)
  const starter = planReset(root).writes.get('README.md') ?? ''

  it("takes README's How the context works, which names no echo or page code", () => {
    expect(context).toContain('clientAddress()')
    expect(context).not.toMatch(/src\/(echo|page)|renderGoodbye/)
  })

  it('links only to files that a reset project keeps', () => {
    expect(deadLinks(starter, keeps)).toEqual([])
  })

  it('still names a test, or says there is no code, in every row of the boundary table', () => {
    const rows = context
      .split('\n')
      .filter((line) => line.startsWith('|'))
      .slice(2)
    expect(rows.length).toBeGreaterThanOrEqual(12)
    for (const row of rows) {
      const provedBy = row.split('|').at(-2)?.trim() ?? ''
      expect(provedBy, row).toMatch(/^(\[[^\]]+\]\(test\/(context\/|index)[^)]+\)(, )?)+$|^—$/)
    }
  })
})

describe("the reset's Deploy button", () => {
  const planned = (remote?: string) => {
    const plan = planReset(root, { name: 'my-worker', remote })
    const pkg = JSON.parse(plan.writes.get('package.json') ?? '') as PackageJson
    return { plan, pkg, buttons: deployButtonLinks(plan.writes.get('README.md') ?? '') }
  }

  it.each([
    ['git@github.com:acme/my-worker.git', 'https://github.com/acme/my-worker'],
    ['https://gitlab.com/acme/team/my-worker.git', 'https://gitlab.com/acme/team/my-worker'],
  ])("deploys the fork's own repository, git's origin %s", (remote, repository) => {
    const { plan, pkg, buttons } = planned(remote)
    expect(plan.repository).toBe(repository)
    expect(pkg.repository).toEqual({ type: 'git', url: `git+${repository}.git` })
    expect(buttons).toEqual([deployButtonUrl(repository)])
  })

  it.each([
    ['no origin', undefined, 'git has no remote "origin"'],
    ['a local origin', '/tmp/template', 'origin (/tmp/template) is not on GitHub or GitLab'],
    [
      "the template's own origin",
      'https://github.com/workers-context-echo/workers-context-echo.git',
      'origin is still the repository this project was cloned from',
    ],
  ])('with %s, leaves a placeholder and no repository in package.json', (_how, remote, why) => {
    const { plan, pkg, buttons } = planned(remote)
    expect(plan.noRepository).toBe(why)
    expect(pkg.repository).toBeUndefined()
    expect(buttons).toEqual([deployButtonUrl(PLACEHOLDER_REPOSITORY)])
    expect(plan.writes.get('README.md')).toContain('YOUR-ACCOUNT/YOUR-REPOSITORY`, put this')
  })

  it("reads git's origin, and nothing where git has none", () => {
    const dir = scratchProject({ git: true })
    expect(originRemote(dir)).toBeUndefined()
    execFileSync('git', ['remote', 'add', 'origin', 'git@github.com:acme/my-worker.git'], {
      cwd: dir,
    })
    expect(originRemote(dir)).toBe('git@github.com:acme/my-worker.git')
    expect(originRemote(tmpdir())).toBeUndefined()
  })

  it("credits the template at its package.json's repository", () => {
    const readme = planned().plan.writes.get('README.md') ?? ''
    expect(readme).toContain(
      '[workers-context-echo](https://github.com/workers-context-echo/workers-context-echo)'
    )
    expect(readme).not.toContain('{{')
  })
})

describe('pruneLinks', () => {
  const keeps = (path: string) => !path.startsWith('gone/')
  it.each([
    ['[a](keep.ts), [b](gone/b.ts)', '[a](keep.ts)'],
    ['[b](gone/b.ts), [a](keep.ts)', '[a](keep.ts)'],
    ['[a](keep.ts), [b](gone/b.ts), [c](keep/c.ts)', '[a](keep.ts), [c](keep/c.ts)'],
    ['see [b](gone/b.ts#part) and [u](https://x.dev/gone/)', 'see  and [u](https://x.dev/gone/)'],
  ])('turns %j into %j', (markdown, pruned) => {
    expect(pruneLinks(markdown, keeps)).toBe(pruned)
  })
})

describe('deadLinks', () => {
  it('reports relative links to missing files, and ignores URLs and anchors', () => {
    const markdown = '[a](src/a.ts) [b](https://x.dev/b) [c](#c) [d](docs/d.md#part) [e](e.ts)'
    expect(deadLinks(markdown, (path) => path === 'src/a.ts')).toEqual(['docs/d.md', 'e.ts'])
  })
})

describe('resetLicense', () => {
  it("names the fork's contributors, this year, and keeps the template's notice under them", () => {
    const license = resetLicense(read('LICENSE'), 'my-worker', 2031)
    expect(license.split('\n').filter((line) => line.startsWith('Copyright'))).toEqual([
      'Copyright (c) 2031 my-worker contributors',
      'Copyright (c) 2026 workers-context-echo contributors (the template this project started from)',
    ])
    expect(license).toContain('Permission is hereby granted')
  })

  it('refuses a LICENSE without a copyright line', () => {
    expect(() => resetLicense('MIT License\n', 'my-worker', 2031)).toThrow('LICENSE:')
  })
})

describe('findTraces', () => {
  const traces = (file: string, text: string, templateName?: string) =>
    findTraces(new Map([[file, text]]), { templateName }).map(({ names }) => names)

  it.each([
    ['src/context/x.ts', '// measured with npm run bench', 'the benchmark'],
    ['README.md', 'a middleware, which the benchmark measures', 'the benchmark'],
    ['README.md', 'see [`src/echo`](src/echo/index.ts)', 'a path the reset removes'],
    ['README.md', 'the [page](docs/browser-page.md)', 'a path the reset removes'],
    ['package.json', '"check": "tsc -p bench/tsconfig.json"', 'a path the reset removes'],
    ['README.md', 'as the `/ws` listener does', "the echo's routes"],
    ['README.md', 'wscat -c ws://localhost:8787/ws/hibernating', "the echo's routes"],
    ['README.md', 'curl -T file http://localhost:8787/echo', "the echo's routes"],
    ['README.md', 'the HTTP echo reads its body there', 'the echo'],
    ['README.md', "the echo's goodbye", 'the echo'],
    ['src/index.ts', 'export { HibernatingEcho } from "./echo"', "the echo's code"],
    ['wrangler.toml', 'class_name = "HibernatingEcho"', "the echo's code"],
    ['README.md', 'the page shows it', 'the page'],
    [
      '.github/workflows/ci.yml',
      "# Ubuntu's chromium is a snap",
      'the Debian clients of the echo’s tests',
    ],
    ['.ci/run', 'for package in python3-websockets; do', 'the Debian clients of the echo’s tests'],
    ['README.md', 'try it with `websocat`', 'the Debian clients of the echo’s tests'],
    [
      'test/x.ts',
      "import { chromium } from 'playwright-core'",
      'the Debian clients of the echo’s tests',
    ],
    ['src/context/x.ts', '// the Worker and its Durable Object', "the template's Durable Object"],
    ['README.md', '## How the context works\n| What the template does |', 'the template'],
  ])('sees in %s: %j', (file, text, names) => {
    expect(traces(file, text)).toContain(names)
  })

  it.each([
    ['.ci/run', 'echo "FAILED: $1"'],
    ['README.md', 'a hibernatable WebSocket carries it in its attachment'],
    ['README.md', 'the Worker and its Durable Objects'],
    ['README.md', '[Cloudflare](https://developers.cloudflare.com/workers/docs/)'],
    ['src/x.ts', '// a template literal'],
    ['package.json', '"check": "tsc -p test/tsconfig.json && biome check ."'],
    ['README.md', 'npm scripts run Node 24'],
    ['README.md', 'Started from the [workers-context-echo](https://github.com/x) template.'],
  ])('sees none in %s: %j', (file, text) => {
    expect(traces(file, text, 'workers-context-echo')).toEqual([])
  })

  it('allows the class in the migration note of the starter README, and nowhere else', () => {
    const readme = [
      '# my-worker',
      '## Deploy',
      "If this Worker was deployed with the template's Durable Object:",
      '```toml',
      '# a comment, not a heading',
      'new_sqlite_classes = ["HibernatingEcho"]',
      '```',
      '## Tests',
      'The `HibernatingEcho` object',
    ].join('\n')
    expect(findTraces(new Map([['README.md', readme]])).map(formatTrace)).toEqual([
      "README.md:9: names the echo's code: The `HibernatingEcho` object",
    ])
  })

  it("sees the template's name only once the fork took another, and not where it credits it", () => {
    const files = new Map([
      ['LICENSE', 'Copyright (c) 2026 workers-context-echo contributors'],
      ['test/e2e/setup/build-worker.ts', "mkdtempSync('context-echo-e2e-')"],
      ['package.json', '"reset-project": "echo reset from the workers-context-echo template"'],
    ])
    expect(findTraces(files)).toEqual([])
    expect(findTraces(files, { templateName: 'workers-context-echo' }).map(formatTrace)).toEqual([
      "LICENSE:1: names the template's name (workers-context-echo): Copyright (c) 2026 workers-context-echo contributors",
      "test/e2e/setup/build-worker.ts:1: names the template's name (workers-context-echo): mkdtempSync('context-echo-e2e-')",
    ])
  })

  it('names the line where words that run on to the next one start', () => {
    const text = 'one\nevery line the Worker and its\nDurable Object write'
    expect(findTraces(new Map([['README.md', text]]))).toMatchObject([
      { file: 'README.md', line: 2 },
    ])
  })

  it('reads no generated file', () => {
    expect(traces('worker-configuration.d.ts', "type Library = 'playwright'")).toEqual([])
    expect(traces('package-lock.json', '"node_modules/playwright-core": {}')).toEqual([])
  })
})

describe('the reset leaves no trace', () => {
  it.each([
    ['with --name', 'my-worker'],
    ['without --name', undefined],
  ])('%s: no file it keeps or writes names what it removed', (_how, name) => {
    const plan = planReset(root, { name })
    const tree = resetTree(root, plan, trackedFiles(root))
    expect(tree.has('src/context/context-storage.ts')).toBe(true)
    expect(tree.has('src/echo/index.ts')).toBe(false)
    const renamed = plan.name !== plan.templateName
    const found = findTraces(tree, renamed ? { templateName: plan.templateName } : {})
    expect(found.map(formatTrace)).toEqual([])
  })
})
