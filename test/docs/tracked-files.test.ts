import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { trackedFiles } from './tracked-files'

/** A scratch folder holding `paths` (each file's text is its path). */
function scratch(paths: readonly string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'tracked-files-'))
  for (const path of paths) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), path)
  }
  return dir
}

const git = (dir: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@localhost', ...args], {
    cwd: dir,
    stdio: 'ignore',
  })

describe('trackedFiles', () => {
  it('lists what git tracks and a new file not yet added, but not an ignored one, nor a tracked one deleted from the tree', () => {
    const dir = scratch(['README.md', 'guide/page.md', 'guide/gone.md', '.gitignore'])
    writeFileSync(join(dir, '.gitignore'), 'build/\n')
    git(dir, 'init', '-q')
    git(dir, 'add', '-A')
    git(dir, 'commit', '-qm', 'tracked')
    rmSync(join(dir, 'guide/gone.md'))
    writeFileSync(join(dir, 'notes.md'), 'new')
    mkdirSync(join(dir, 'build'))
    writeFileSync(join(dir, 'build/out.md'), 'ignored')
    expect(trackedFiles(dir)).toEqual(['.gitignore', 'README.md', 'guide/page.md', 'notes.md'])
  })

  it('lists every file of a checkout before its first commit', () => {
    const dir = scratch(['README.md', 'scratch.md'])
    git(dir, 'init', '-q')
    git(dir, 'add', 'README.md')
    expect(trackedFiles(dir)).toEqual(['README.md', 'scratch.md'])
  })

  it.each([['outside any git checkout', false]])(
    'lists every file but node_modules and dot folders %s',
    (_where, init) => {
      const dir = scratch([
        'README.md',
        'guide/page.md',
        'node_modules/x/README.md',
        '.git-like/a.md',
      ])
      if (init) git(dir, 'init', '-q')
      expect(trackedFiles(dir)).toEqual(['README.md', 'guide/page.md'])
    }
  )
})
