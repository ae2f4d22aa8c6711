/** Content negotiation for GET /: does an Accept header ask for HTML rather than plain text? */

/** The q-value of each media range in an Accept header (RFC 9110 §12.5.1), by lowercase range. */
function qualities(accept: string): Map<string, number> {
  const ranges = new Map<string, number>()
  for (const entry of accept.split(',')) {
    const [range = '', ...params] = entry.split(';').map((part) => part.trim().toLowerCase())
    const q = params.find((param) => param.startsWith('q='))
    const value = q === undefined ? 1 : Number(q.slice(2))
    if (range && !ranges.has(range)) ranges.set(range, Number.isFinite(value) ? value : 0)
  }
  return ranges
}

/**
 * True if `accept` names `text/html` and ranks it at least as high as plain text, as
 * browsers do. A wildcard never earns the page: curl's `*\/*`, `text/*` and a missing
 * header get the plain-text usage.
 */
export function prefersHtml(accept: string | undefined): boolean {
  if (!accept) return false
  const q = qualities(accept)
  const html = q.get('text/html') ?? 0
  const plain = q.get('text/plain') ?? q.get('text/*') ?? 0
  return html > 0 && html >= plain
}
