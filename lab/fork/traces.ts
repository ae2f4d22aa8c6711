/**
 * What a fork must no longer name once `npm run reset-project` has run: the words of the
 * parts it removes (the echo and its routes, the page, the Durable Object class, the lab
 * and its benchmark, and the Debian clients its tests drive), and the template's name where
 * the fork's belongs. Pure: `findTraces()` reads the texts it is given, so that its tests
 * run it on samples and `.ci/run` on a real reset copy (fork-traces.ts).
 */
import { REMOVED } from '../../scripts/reset-project.ts'

/** Where a line is: its file, its text, and (in Markdown) the `##` section it lies under. */
export interface Where {
  readonly file: string
  readonly line: string
  /** The last `##`-or-deeper heading above the line, '' above the first one. */
  readonly section: string
}

export interface Trace {
  /** What the words name, as a report says it. */
  readonly names: string
  readonly pattern: RegExp
  /** The few places a fork may still name it: the migration note, the credit to the template. */
  readonly allowed?: (where: Where) => boolean
}

export interface TraceFound {
  readonly file: string
  /** 1-based. */
  readonly line: number
  readonly names: string
  readonly text: string
}

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

// `src/echo` is a path wherever it appears; `lab`, `docs` and `scripts` only with their `/`.
const removedPath = new RegExp(
  `(^|[\\s(\`'"[!])(${REMOVED.filter((path) => path.includes('/'))
    .map(escaped)
    .join('|')})\\b|(^|[\\s(\`'"[!])(${REMOVED.filter((path) => !path.includes('/'))
    .map(escaped)
    .join('|')})/`
)

/** The migration note of the starter README: it must name the class it deletes. */
const migrationNote = ({ file, section }: Where) => file === 'README.md' && section === 'Deploy'

/** The lines that say where the fork came from. */
const creditsTemplate = ({ file, line, section }: Where) =>
  (file === 'README.md' && section === '') ||
  (file === 'package.json' && line.includes('"reset-project":')) ||
  (file === 'LICENSE' && line.endsWith('(the template this project started from)'))

export const TRACES: readonly Trace[] = [
  { names: 'a path the reset removes', pattern: removedPath },
  {
    names: "the echo's routes",
    // A path in prose, code or a URL (`http://echo.test/echo`), and the echo's test host.
    pattern:
      /\b(GET|POST|PUT)\s+\/(ws|echo)\b|[`'"]\/(ws|echo)\b|(https?:\/\/[^\s'"`]*|\}|\))\/(ws|echo)\b|\/ws\/hibernating|\becho\.test\b/,
  },
  {
    names: 'the echo',
    pattern:
      /\b(the|an|its|HTTP|WebSocket|line|streaming|hibernating)[\s-]+echo(es)?\b|\becho(['’]s|es)\b|\becho[\s-]+(protocol|sessions?|servers?|routes?|transports?|object|config|tests?)\b/i,
  },
  // Case-sensitive: `HibernatingEcho`, `acceptedSocketEcho`, `echoConfig`, the binding.
  {
    names: "the echo's code",
    pattern: /[a-z]Echo(\b|[A-Z])|\becho[A-Z]|HIBERNATING_ECHO/,
    allowed: migrationNote,
  },
  { names: 'the page', pattern: /\b(the|browser)\s+page\b|\bpage\.(png|html)\b|src\/page/i },
  { names: 'the benchmark', pattern: /\bbench(mark)?(s|ed|ing|'s)?\b/i },
  { names: 'the lab', pattern: /\bthe\s+lab\b|\blab\//i },
  {
    names: 'the Debian clients of the echo’s tests',
    pattern:
      /websocat|wscat|python3-websockets|chromium|playwright|puppeteer|\bDebian\b|apt-get|dpkg/i,
  },
  { names: "the template's Durable Object", pattern: /\bits\s+Durable\s+Object\b(?!s)/ },
  {
    names: 'the template',
    // Not create-cloudflare's option, whose name it is.
    pattern: /(?<!--)\btemplates?\b(?!\s+(literals?|strings?|tags?)\b)/i,
    allowed: (where) => creditsTemplate(where) || migrationNote(where),
  },
]

/** The trace of the template's name, for a fork that took a name of its own. */
export const templateNameTrace = (templateName: string): Trace => ({
  names: `the template's name (${templateName})`,
  // Its tail too: a `context-echo-` prefix is the same name.
  pattern: new RegExp(escaped(templateName.replace(/^workers-/, '')), 'i'),
  allowed: creditsTemplate,
})

/** Files of a fork that are not its own words: the lockfile, `wrangler types`' output. */
export const GENERATED_FILES = ['package-lock.json', 'worker-configuration.d.ts']

/**
 * Every line of `files` (path → text) that names a trace outside the places it may: the
 * line where the words start, which may run on to the next line.
 * `templateName`: the template's name, when the fork took another.
 */
export function findTraces(
  files: ReadonlyMap<string, string>,
  { templateName }: { templateName?: string } = {}
): TraceFound[] {
  const traces = templateName ? [...TRACES, templateNameTrace(templateName)] : TRACES
  const found: TraceFound[] = []
  for (const [file, text] of files) {
    if (GENERATED_FILES.includes(file)) continue
    const lines = text.split('\n')
    const sections = markdownSections(file, lines)
    let start = 0
    const lineStarts = lines.map((line) => {
      const lineStart = start
      start += line.length + 1
      return lineStart
    })
    for (const trace of traces) {
      const seen = new Set<number>()
      for (const match of text.matchAll(new RegExp(trace.pattern, `${trace.pattern.flags}g`))) {
        const index = lineStarts.findLastIndex((start) => start <= (match.index ?? 0))
        const line = lines[index] as string
        if (seen.has(index) || trace.allowed?.({ file, line, section: sections[index] ?? '' }))
          continue
        seen.add(index)
        found.push({ file, line: index + 1, names: trace.names, text: line.trim() })
      }
    }
  }
  return found.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line)
}

/** For each line of a Markdown file, the `##`-or-deeper heading above it ('' in others). */
function markdownSections(file: string, lines: readonly string[]): string[] {
  if (!file.endsWith('.md')) return lines.map(() => '')
  let section = ''
  let fenced = false
  return lines.map((line) => {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced
    const heading = fenced ? null : /^#{2,6}\s+(.*)$/.exec(line)
    if (heading) section = (heading[1] as string).trim()
    return section
  })
}

/** `README.md:75: names the benchmark: chain, which the benchmark measures.` */
export const formatTrace = ({ file, line, names, text }: TraceFound): string =>
  `${file}:${line}: names ${names}: ${text.length > 160 ? `${text.slice(0, 157)}...` : text}`
