/**
 * The TypeScript blocks of a Markdown file, as the docs test compiles them. After `ts`, a
 * fence's info string may say where the block goes: the file it is
 * (```ts src/context/user-id.ts; by default a module of its own in src/), or the file it
 * is added to (```ts in src/index.ts), and `partial` for a fragment that needs only parse.
 * A ```diff block with a path (```diff src/context/request-context.ts) is an edit of
 * that file, its hunks applied by their text, as a reader would make them.
 */

export interface TypeScriptBlock {
  /** Line of the block's first code line in the Markdown file, from 1. */
  readonly line: number
  /** Where the block is compiled, relative to the project: its imports resolve from there. */
  readonly path: string
  /** Added to the end of the existing file at `path` rather than being that file. */
  readonly appended: boolean
  readonly partial: boolean
  /** A diff of the file at `path`, applied to it rather than compiled as it is. */
  readonly edit?: boolean
  readonly code: string
}

export const DEFAULT_BLOCK_PATH = 'src/docs-example.ts'
const FENCE = /^\s*(`{3,}|~{3,})\s*(.*)$/

const isProjectPath = (word: string): boolean =>
  /^[\w./-]+\.ts$/.test(word) && !word.startsWith('/') && !word.includes('..')

function parseInfo(words: readonly string[], where: string): Omit<TypeScriptBlock, 'code'> {
  let path = DEFAULT_BLOCK_PATH
  let appended = false
  let partial = false
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string
    if (word === 'partial') partial = true
    else if (word === 'in' && isProjectPath(words[i + 1] ?? '')) {
      appended = true
      path = words[++i] as string
    } else if (isProjectPath(word)) path = word
    else
      throw new Error(`${where}: unknown word "${word}" after ts (a path, "in" a path, "partial")`)
  }
  return { line: 0, path, appended, partial }
}

export function typescriptBlocks(markdown: string, file = 'markdown'): TypeScriptBlock[] {
  const blocks: TypeScriptBlock[] = []
  const lines = markdown.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i] as string)
    if (!open) continue
    const [, fence = '', info = ''] = open
    const end = lines.findIndex((text, j) => j > i && text.trim() === fence)
    if (end === -1) throw new Error(`${file}:${i + 1}: a code block that never ends`)
    const [language, ...words] = info.trim().split(/\s+/)
    const code = `${lines.slice(i + 1, end).join('\n')}\n`
    if (language === 'ts' || language === 'typescript') {
      blocks.push({ ...parseInfo(words, `${file}:${i + 1}`), line: i + 2, code })
    } else if (language === 'diff' && words.length === 1 && isProjectPath(words[0] as string)) {
      const path = words[0] as string
      blocks.push({ line: i + 2, path, appended: false, partial: false, edit: true, code })
    }
    i = end
  }
  return blocks
}
