/** Replaces the generated part of README's benchmark section, between its two markers. */

export const START = '<!-- bench:start -->'
export const END = '<!-- bench:end -->'

export function replaceSection(readme: string, content: string): string {
  const start = readme.indexOf(START)
  const end = readme.indexOf(END)
  if (start === -1 || end < start) {
    throw new Error(`README has no ${START} … ${END} section to update`)
  }
  return `${readme.slice(0, start + START.length)}\n${content.trim()}\n${readme.slice(end)}`
}
