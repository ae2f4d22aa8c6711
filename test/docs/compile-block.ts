/**
 * Compiles one Markdown TypeScript block with the project's own tsc and tsconfig, as the
 * file it names (or added to it) inside a copy of src/ (its files, new ones too), so its
 * imports reach the real code.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { trackedFiles } from './tracked-files'
import { tscDiagnostics } from './tsc-diagnostics'
import type { TypeScriptBlock } from './typescript-blocks'

export interface BlockError {
  /** Line in the block, from 1; 0 for an error outside it. */
  readonly line: number
  readonly message: string
}

/**
 * Applies a diff's hunks to `text`: each hunk's old lines (` ` and `-`) must appear exactly
 * once, and become its new lines (` ` and `+`). A hunk whose new lines are there already,
 * exactly once, is left as it is: a reader who followed the recipe has made that edit.
 */
export function applyDiff(text: string, diff: string): string {
  const hunks = diff.split(/^@@.*\n/m).slice(1)
  if (hunks.length === 0) throw new Error('a diff block with no @@ hunk')
  for (const hunk of hunks) {
    const lines = hunk.replace(/\n$/, '').split('\n')
    const side = (keep: string) =>
      lines
        .filter((line) => line[0] === ' ' || line[0] === keep || line === '')
        .map((line) => line.slice(1))
    const before = side('-').join('\n')
    const after = side('+').join('\n')
    if (occursOnce(text, after)) continue
    const at = text.indexOf(before)
    if (at === -1 || text.indexOf(before, at + 1) !== -1) {
      throw new Error(
        `a hunk's old lines are ${at === -1 ? 'not' : 'more than once'} in the file:\n${before}`
      )
    }
    text = text.slice(0, at) + after + text.slice(at + before.length)
  }
  return text
}

function occursOnce(text: string, part: string): boolean {
  const at = text.indexOf(part)
  return at !== -1 && text.indexOf(part, at + 1) === -1
}

/** Writes `block` into the copy at `copy`: as its file, at the end of it, or as an edit of it. Returns the lines before it. */
function place(copy: string, block: TypeScriptBlock): number {
  const file = join(copy, block.path)
  if (block.edit) {
    writeFileSync(file, applyDiff(readFileSync(file, 'utf8'), block.code))
    return 0
  }
  const before = block.appended ? `${readFileSync(file, 'utf8')}\n` : ''
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, before + block.code)
  return before.split('\n').length - 1
}

/** An error in no source file (in a tsconfig, or in none): tsc checked nothing. */
const outsideSources = (file: string) => !/\.[cm]?tsx?$/.test(file)

/**
 * The block's errors, with `earlier` blocks (a recipe's first steps) in place. A partial
 * block fails only on syntax (TS1xxx) errors in itself, and on errors that stopped tsc
 * checking it; a whole one on any error.
 */
export async function compileBlock(
  root: string,
  block: TypeScriptBlock,
  earlier: readonly TypeScriptBlock[] = []
): Promise<BlockError[]> {
  const cache = join(root, 'node_modules', '.cache')
  mkdirSync(cache, { recursive: true })
  // Inside the project, so that `hono` and the type packages resolve from node_modules.
  const copy = mkdtempSync(join(cache, 'docs-typescript-'))
  try {
    const copied = trackedFiles(root).filter(
      (path) => path.startsWith('src/') || path === 'worker-configuration.d.ts'
    )
    for (const path of copied) {
      mkdirSync(dirname(join(copy, path)), { recursive: true })
      cpSync(join(root, path), join(copy, path))
    }
    for (const step of earlier) place(copy, step)
    // The file's lines before the block's first: an error there is outside the block.
    const offset = place(copy, block)
    const tsconfig = {
      extends: join(root, 'tsconfig.json'),
      include: ['src', 'worker-configuration.d.ts'],
    }
    writeFileSync(join(copy, 'tsconfig.json'), JSON.stringify(tsconfig))
    const errors: BlockError[] = []
    for (const diagnostic of await tscDiagnostics(root, join(copy, 'tsconfig.json'))) {
      const at = diagnostic.file.endsWith(block.path) ? diagnostic.line - offset : 0
      const line = Math.max(at, 0)
      const syntax = line > 0 && diagnostic.code.startsWith('TS1')
      if (block.partial && !syntax && !outsideSources(diagnostic.file)) continue
      errors.push({ line, message: `${diagnostic.code} ${diagnostic.message}`.trim() })
    }
    return errors
  } finally {
    rmSync(copy, { recursive: true, force: true })
  }
}
