/** Reduces a V8 CPU profile to self-time shares, by bundle section or by function. */

export interface ProfileNode {
  readonly callFrame: {
    readonly functionName: string
    readonly url: string
    readonly lineNumber: number
  }
  readonly hitCount?: number
}

/** Where each `// path` comment esbuild writes opens a section of the bundle: [line, path]. */
export function bundleSections(bundle: string): [number, string][] {
  const sections: [number, string][] = []
  bundle.split('\n').forEach((line, index) => {
    const match = /^\/\/ ((?:node_modules|src|bench)\/\S+)$/.exec(line)
    if (match?.[1])
      sections.push([index, match[1].replace(/^node_modules\/hono\/dist\/.*/, 'hono')])
  })
  return sections
}

function sectionOf(node: ProfileNode, entry: string, sections: [number, string][]): string {
  const { functionName, url, lineNumber } = node.callFrame
  if (url === '') return functionName.startsWith('(') ? functionName : 'runtime (native, builtins)'
  if (!url.endsWith(entry)) return 'runtime JavaScript'
  let found = 'worker (outside any section)'
  for (const [line, path] of sections) {
    if (line > lineNumber) break
    found = path
  }
  return found
}

/** Shares of all samples, largest first, grouped by section or by function. */
export function selfTimeBy(
  nodes: readonly ProfileNode[],
  entry: string,
  sections: [number, string][],
  by: 'section' | 'function'
): [string, number][] {
  const totals = new Map<string, number>()
  let all = 0
  for (const node of nodes) {
    const hits = node.hitCount ?? 0
    all += hits
    const section = sectionOf(node, entry, sections)
    const key =
      by === 'section'
        ? section
        : `${node.callFrame.functionName || '(anonymous)'} (${section}:${node.callFrame.lineNumber + 1})`
    totals.set(key, (totals.get(key) ?? 0) + hits)
  }
  return [...totals]
    .map(([key, hits]): [string, number] => [key, hits / all])
    .sort((a, b) => b[1] - a[1])
}
