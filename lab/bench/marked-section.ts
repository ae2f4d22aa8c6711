/** Replaces the generated part of a Markdown page, between its two markers. */

const markers = (name: string) => [`<!-- ${name}:start -->`, `<!-- ${name}:end -->`] as const

/**
 * Replaces what lies between `<!-- name:start -->` and `<!-- name:end -->` in `markdown`,
 * keeping the markers; refuses a page without them rather than append somewhere.
 */
export function replaceSection(markdown: string, name: string, content: string): string {
  const [START, END] = markers(name)
  const start = markdown.indexOf(START)
  const end = markdown.indexOf(END)
  if (start === -1 || end < start) {
    throw new Error(`no ${START} … ${END} section to update`)
  }
  return `${markdown.slice(0, start + START.length)}\n${content.trim()}\n${markdown.slice(end)}`
}
