/** Every TypeScript block in the project's Markdown compiles against src/. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { compileBlock } from './compile-block'
import { trackedFiles } from './tracked-files'
import { DEFAULT_BLOCK_PATH, type TypeScriptBlock, typescriptBlocks } from './typescript-blocks'

const root = join(import.meta.dirname, '..', '..')
// Every page a reader may copy from, wherever it is, a new one too.
const markdownFiles = trackedFiles(root).filter((path) => path.endsWith('.md'))

// A whole block that names its file stays in place for the blocks after it in the same
// Markdown file, as a reader following a recipe would have it.
const stays = (block: TypeScriptBlock) => !block.partial && block.path !== DEFAULT_BLOCK_PATH
const blocks = markdownFiles.flatMap((file) =>
  typescriptBlocks(readFileSync(join(root, file), 'utf8'), file).map((block, i, all) => ({
    ...block,
    earlier: all.slice(0, i).filter(stays),
    name: `${file}:${block.line}${block.partial ? ' (partial: parses)' : ''}`,
  }))
)

describe('TypeScript in the docs', () => {
  it('finds the blocks of the pages', () => {
    expect(blocks.length).toBeGreaterThan(0)
  })

  it.each(blocks)(
    'compiles $name',
    async (block) => {
      const errors = await compileBlock(root, block, block.earlier)
      const at = (line: number) => (line ? `line ${block.line + line - 1}` : 'outside the block')
      expect(errors.map((error) => `${at(error.line)}: ${error.message}`)).toEqual([])
    },
    30_000
  )
})
