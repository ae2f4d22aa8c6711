/**
 * The project's files: what git tracks, and the new files it would add (not yet `git add`ed,
 * and not ignored), so that a file just written counts at once; never what .gitignore
 * keeps out (installed packages, build output, test results). Paths are relative to
 * `root`, sorted.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, globSync, statSync } from 'node:fs'
import { join } from 'node:path'

/** `git ls-files` under `root`, new files included, or undefined without git or a checkout. */
function gitTracked(root: string): string[] | undefined {
  try {
    const listed = execFileSync(
      'git',
      ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
      {
        cwd: root,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      }
    )
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
  const paths = tracked ?? walk(root)
  // git still lists a tracked file deleted from the tree (its deletion is not committed
  // yet), and lists a submodule or a symlink to a folder as one path.
  return paths
    .filter((path) => {
      const file = join(root, path)
      return existsSync(file) && statSync(file).isFile()
    })
    .sort()
}
