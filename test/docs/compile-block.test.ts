import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { applyDiff, compileBlock } from './compile-block'
import { DEFAULT_BLOCK_PATH, type TypeScriptBlock } from './typescript-blocks'

const root = join(import.meta.dirname, '..', '..')

/** A git checkout of `files` (path → text), with the project's node_modules for its tsc. */
function scratchProject(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'compile-block-'))
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'))
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'ignore' })
  git('init', '-q')
  git('add', '-A', '--', ':!node_modules')
  git('-c', 'user.name=test', '-c', 'user.email=test@localhost', 'commit', '-qm', 'project')
  return dir
}

const block = (code: string, partial = false): TypeScriptBlock => ({
  line: 1,
  path: DEFAULT_BLOCK_PATH,
  appended: false,
  partial,
  code,
})
const tsconfig = JSON.stringify({ compilerOptions: { strict: true, noEmit: true, types: [] } })

describe('compileBlock', () => {
  it('compiles against src/ as it is: a file written but not yet added to git counts', async () => {
    const dir = scratchProject({
      'tsconfig.json': tsconfig,
      'worker-configuration.d.ts': 'export {}\n',
      'src/index.ts': 'export const answer = 42\n',
    })
    writeFileSync(join(dir, 'src', 'user-agent.ts'), 'export const userAgent = () => "curl"\n')
    const code =
      "import { userAgent } from './user-agent'\nexport const agent: string = userAgent()\n"
    expect(await compileBlock(dir, block(code))).toEqual([])
    writeFileSync(join(dir, 'src', 'user-agent.ts'), 'export const userAgent = () => 7\n')
    expect(await compileBlock(dir, block(code))).toMatchObject([
      { message: expect.stringMatching(/^TS2322/) },
    ])
  }, 30_000)

  it('fails a partial block when tsc could not check it: a broken tsconfig', async () => {
    const dir = scratchProject({
      'tsconfig.json': JSON.stringify({ compilerOptions: { noEmit: true, types: [], bogus: 1 } }),
      'worker-configuration.d.ts': 'export {}\n',
      'src/index.ts': 'export {}\n',
    })
    const errors = await compileBlock(dir, block('undeclared()\n', true))
    expect(errors).toMatchObject([{ line: 0, message: expect.stringMatching(/^TS5023 .*bogus/) }])
  }, 30_000)
})

describe('applyDiff', () => {
  const text = 'a\nb\nc\nb\n'
  it.each([
    ['adds a line after its context', '@@\n a\n+x\n', 'a\nx\nb\nc\nb\n'],
    ['removes and replaces', '@@\n-a\n+z\n b\n c\n', 'z\nb\nc\nb\n'],
    ['applies each hunk in turn', '@@ one\n-a\n+y\n@@ two\n c\n+d\n', 'y\nb\nc\nd\nb\n'],
    // A reader who followed the recipe already: the file has the new lines, and keeps them.
    ['leaves a hunk already made as it is', '@@\n a\n+x\n', 'a\nx\nb\nc\nb\n', 'a\nx\nb\nc\nb\n'],
    [
      'applies the hunks not made yet',
      '@@ one\n a\n+x\n@@ two\n c\n+d\n',
      'a\nx\nb\nc\nd\nb\n',
      'a\nx\nb\nc\nb\n',
    ],
  ])('%s', (_name, diff, edited, from = text) => {
    expect(applyDiff(from, diff)).toBe(edited)
  })

  it.each([
    ['a hunk whose lines are not there', '@@\n-q\n+r\n', 'not in the file'],
    ['a hunk that could go in two places', '@@\n b\n+x\n', 'more than once'],
    ['no hunk at all', '+x\n', 'no @@ hunk'],
  ])('refuses %s', (_name, diff, message) => {
    expect(() => applyDiff(text, diff)).toThrow(message)
  })
})
