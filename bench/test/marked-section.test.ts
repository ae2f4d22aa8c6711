import { describe, expect, it } from 'vitest'
import { END, replaceSection, START } from '../readme-section.ts'

describe('replaceSection', () => {
  it('replaces only what lies between the markers, keeping them', () => {
    const readme = `# Title\n\n${START}\nold table\n${END}\n\nAfter.\n`
    expect(replaceSection(readme, '| new |\n')).toBe(
      `# Title\n\n${START}\n| new |\n${END}\n\nAfter.\n`
    )
  })

  it('refuses a README without the markers rather than append somewhere', () => {
    expect(() => replaceSection('# Title\n', 'x')).toThrow('README has no')
  })
})
