import { describe, expect, it } from 'vitest'
import { replaceSection } from '../marked-section.ts'

const START = '<!-- bench:start -->'
const END = '<!-- bench:end -->'

describe('replaceSection', () => {
  it('replaces only what lies between the named markers, keeping them', () => {
    const page = `# Title\n\n${START}\nold table\n${END}\n\n<!-- other:start -->\nx\n<!-- other:end -->\n`
    expect(replaceSection(page, 'bench', '| new |\n')).toBe(
      `# Title\n\n${START}\n| new |\n${END}\n\n<!-- other:start -->\nx\n<!-- other:end -->\n`
    )
  })

  it('refuses a page without the markers rather than append somewhere', () => {
    expect(() => replaceSection('# Title\n', 'bench', 'x')).toThrow('no <!-- bench:start -->')
  })
})
