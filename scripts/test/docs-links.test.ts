import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { deadLinks } from '../reset-project/project-files.ts'

const root = resolve(import.meta.dirname, '..', '..')
const pages = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((file) => file.endsWith('.md'))
    .map((file) => `docs/${file}`),
]

describe('README and docs', () => {
  it.each(pages)('%s links only to files that exist', (page) => {
    const markdown = readFileSync(join(root, page), 'utf8')
    const exists = (path: string) => existsSync(join(root, dirname(page), path))
    expect(deadLinks(markdown, exists)).toEqual([])
  })

  it('links to every page under docs/ from README', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8')
    for (const page of pages.slice(1)) expect(readme).toContain(`](${page})`)
  })
})
