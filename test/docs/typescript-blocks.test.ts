import { describe, expect, it } from 'vitest'
import { DEFAULT_BLOCK_PATH, typescriptBlocks } from './typescript-blocks'

const fence = '```'

describe('typescriptBlocks', () => {
  it('finds ts and typescript blocks with their first code line, and skips other languages', () => {
    const markdown = [
      '# Title',
      `${fence}ts`,
      'const a = 1',
      fence,
      `${fence}sh`,
      'npm test',
      fence,
      `${fence}typescript`,
      'const b = 2',
      fence,
    ].join('\n')
    expect(typescriptBlocks(markdown)).toEqual([
      { line: 3, path: DEFAULT_BLOCK_PATH, appended: false, partial: false, code: 'const a = 1\n' },
      { line: 9, path: DEFAULT_BLOCK_PATH, appended: false, partial: false, code: 'const b = 2\n' },
    ])
  })

  it('takes a diff block that names a file as an edit of that file, and a diff without one not at all', () => {
    const markdown = [`${fence}diff src/a.ts`, '@@', '+x', fence, `${fence}diff`, '+y', fence].join(
      '\n'
    )
    expect(typescriptBlocks(markdown)).toEqual([
      { line: 2, path: 'src/a.ts', appended: false, partial: false, edit: true, code: '@@\n+x\n' },
    ])
  })

  it('reads where the block goes and the partial mark from the info string', () => {
    const markdown = [
      `${fence}ts src/context/user-id.ts`,
      `${fence}ts in src/index.ts`,
      `${fence}ts partial`,
    ]
      .map((open) => `${open}\nx\n${fence}\n`)
      .join('')
    expect(typescriptBlocks(markdown)).toMatchObject([
      { path: 'src/context/user-id.ts', appended: false, partial: false },
      { path: 'src/index.ts', appended: true, partial: false },
      { path: DEFAULT_BLOCK_PATH, appended: false, partial: true },
    ])
  })

  it('does not take a ts fence inside a longer fence for a block', () => {
    const markdown = `${fence}\`markdown\n${fence}ts\nnot code\n${fence}\n${fence}\`\n`
    expect(typescriptBlocks(markdown)).toEqual([])
  })

  it.each([
    ['an unknown word', `${fence}ts parital\nx\n${fence}`, /unknown word "parital"/],
    ['a path outside the project', `${fence}ts ../x.ts\nx\n${fence}`, /unknown word/],
    ['"in" without a path', `${fence}ts in\nx\n${fence}`, /unknown word "in"/],
    ['a block that never ends', `${fence}ts\nx\n`, /never ends/],
  ])('refuses %s rather than skip the block', (_name, markdown, error) => {
    expect(() => typescriptBlocks(markdown, 'README.md')).toThrow(error)
  })
})
