/** README is the front door: what this is, how to start, the context; the rest is a link away. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const MAX_WORDS = 1200

/** Words as a reader meets them: a table's pipes and rules, and a lone `#` or `-`, are none. */
const wordCount = (markdown: string): number =>
  markdown.split(/\s+/).filter((token) => /[\p{L}\p{N}]/u.test(token)).length

describe('README', () => {
  it(`stays within ${MAX_WORDS} words`, () => {
    const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8')
    expect(wordCount(readme)).toBeLessThanOrEqual(MAX_WORDS)
  })

  it('counts words, not table rules or list marks', () => {
    expect(wordCount('| a | b |\n| --- | --- |\n- one, two\n# Title')).toBe(5)
  })
})
