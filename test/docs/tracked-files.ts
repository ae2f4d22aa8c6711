/**
 * The project's files as a fresh clone has them: what git tracks, not whatever else lies in
 * the working tree (notes, scratch copies, other tools' output), so that no untracked file
 * changes a test's verdict. Paths are relative to `root`, sorted.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, globSync, statSync } from 'node:fs'
import { join } from 'node:path'

/** `git ls-files` under `root`, or undefined if there is no git or no checkout there. */
function gitTracked(root: string): string[] | undefined {
  try {
    const listed = execFileSync('git', ['ls-files', '-z', '--cached'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    return listed.split('\0').filter((path) => path !== '')
  } catch (error) {
    const { code, stderr } = error as { code?: unknown; stderr?: unknown }
    if (code === 'ENOENT' || /not a git repository/.test(String(stderr))) return undefined
    throw error
  }
}

/** Every file but installed packages and dot folders (.git, .wrangler): a tree without git. */
const walk = (root: string): string[] =>
  globSync('**', {
    cwd: root,
    exclude: (path) => /(^|\/)(node_modules|\.[^/]+)$/.test(path),
  })

export function trackedFiles(root: string): string[] {
  const tracked = gitTracked(root)
  // Nothing tracked yet (git init, no add): the tree is all the project there is.
  const paths = tracked === undefined || tracked.length === 0 ? walk(root) : tracked
  // git still lists a tracked file deleted from the tree (its deletion is not committed
  // yet), and lists a submodule or a symlink to a folder as one path.
  return paths
    .filter((path) => {
      const file = join(root, path)
      return existsSync(file) && statSync(file).isFile()
    })
    .sort()
}
