/**
 * Compiles one Markdown TypeScript block with the project's own tsc and tsconfig, as the
 * file it names (or added to it) inside a copy of src/, so its imports reach the real code.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { tscDiagnostics } from './tsc-diagnostics'
import type { TypeScriptBlock } from './typescript-blocks'

export interface BlockError {
  /** Line in the block, from 1; 0 for an error outside it. */
  readonly line: number
  readonly message: string
}

/** Writes `block` into the copy at `copy`: as its file, or at the end of it. Returns the lines before it. */
function place(copy: string, block: TypeScriptBlock): number {
  const file = join(copy, block.path)
  const before = block.appended ? `${readFileSync(file, 'utf8')}\n` : ''
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, before + block.code)
  return before.split('\n').length - 1
}

/**
 * The block's errors, with `earlier` blocks (a recipe's first steps) in place. A partial
 * block fails only on syntax (TS1xxx) errors in itself; a whole one on any error.
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
    cpSync(join(root, 'src'), join(copy, 'src'), { recursive: true })
    cpSync(join(root, 'worker-configuration.d.ts'), join(copy, 'worker-configuration.d.ts'))
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
      if (block.partial && !(line > 0 && diagnostic.code.startsWith('TS1'))) continue
      errors.push({ line, message: `${diagnostic.code} ${diagnostic.message}`.trim() })
    }
    return errors
  } finally {
    rmSync(copy, { recursive: true, force: true })
  }
}
