/** Every relative link of the project's Markdown reaches a file that is there. */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { trackedFiles } from './tracked-files'

const root = join(import.meta.dirname, '..', '..')
// A page still to be filled in ({{name}}) links from where it will be put, and is checked there.
const pages = trackedFiles(root).filter(
  (path) => path.endsWith('.md') && !readFileSync(join(root, path), 'utf8').includes('{{name}}')
)

/** The relative targets of `[text](target)` links outside code, without their `#anchor`. */
function relativeLinks(markdown: string): string[] {
  const prose = markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '')
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((match) => (match[1] as string).split('#')[0] as string)
    .filter((target) => target !== '' && !/^[a-z]+:/.test(target))
}

describe('links between pages', () => {
  it.each(pages)('%s links only to files that are there', (page) => {
    const links = relativeLinks(readFileSync(join(root, page), 'utf8'))
    expect(links.filter((link) => !existsSync(join(root, dirname(page), link)))).toEqual([])
  })

  it('finds a relative link, and not one in code', () => {
    expect(relativeLinks('[a](guide/a.md#x) `[b](c.md)` [d](https://e)')).toEqual(['guide/a.md'])
  })
})
