/** Renders a run as Markdown: the same text goes to the terminal and to README. */
import type { Machine } from './machine.ts'
import type { LoadShape } from './measure.ts'
import type { CellId, ServerId } from './plan.ts'
import { SERVER_NAMES } from './plan.ts'
import type { CellSummary, Summaries, Target } from './summarize.ts'

export interface Report {
  readonly date: string
  readonly machine: Machine
  readonly load: LoadShape & { readonly rounds: number }
  readonly bundle: { readonly bytes: number; readonly gzipBytes: number }
  /** Resident bytes workerd adds per 1,000 idle WebSocket sessions. */
  readonly memory: Partial<Record<'worker' | 'bare', number>>
  readonly cells: Summaries
  readonly targets: readonly Target[]
}

const whole = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '—')
const ms = (n: number) => (Number.isFinite(n) ? (n < 10 ? n.toFixed(2) : n.toFixed(1)) : '—')
const kib = (bytes: number) => `${(bytes / 1024).toFixed(2)} KiB`
const mib = (bytes: number | undefined) =>
  bytes === undefined ? '—' : `${(bytes / 1024 / 1024).toFixed(1)} MiB`

const rateCells = (s: CellSummary | undefined): string[] => {
  if (!s) return ['—', '—', '—']
  const failed = s.rounds.find((r) => typeof r === 'string')
  const rate = Number.isFinite(s.best)
    ? `${whole(s.best)} (${Math.round(s.spread * 100)}%)`
    : 'failed'
  return [failed && !Number.isFinite(s.best) ? `failed: ${failed}` : rate, ms(s.p50Ms), ms(s.p99Ms)]
}

const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`
/** A Markdown table whose first `labels` columns are text (left) and the rest numbers (right). */
const table = (head: readonly string[], rows: readonly (readonly string[])[], labels = 1) =>
  [row(head), row(head.map((_, i) => (i < labels ? '---' : '--:'))), ...rows.map(row)].join('\n')

const ECHO_ROWS: [ServerId, string, 'http' | 'websocket'][] = [
  ['worker', 'HTTP stream', 'http'],
  ['bare', 'HTTP stream', 'http'],
  ['node', 'raw TCP', 'http'],
  ['asyncio', 'raw TCP', 'http'],
  ['worker', 'WebSocket', 'websocket'],
  ['bare', 'WebSocket', 'websocket'],
  ['node', 'WebSocket (`ws`)', 'websocket'],
]

export function renderReport(report: Report): string {
  const { cells, machine, load } = report
  const cell = (id: CellId, server: ServerId) => cells[id]?.[server]
  const echo = table(
    [
      'Server',
      'Transport',
      'Ping-pong lines/s (spread)',
      'p50 ms',
      'p99 ms',
      'Bulk lines/s (spread)',
      'p50 ms',
      'p99 ms',
    ],
    ECHO_ROWS.filter(
      ([server, , t]) => cell(`${t}-ping-pong`, server) || cell(`${t}-bulk`, server)
    ).map(([server, transport, t]) => [
      SERVER_NAMES[server],
      transport,
      ...rateCells(cell(`${t}-ping-pong`, server)),
      ...rateCells(cell(`${t}-bulk`, server)),
    ]),
    2
  )
  const hello = (server: ServerId) => {
    const s = cell('hello', server)
    return s ? `${rateCells(s)[0]}; p50 ${ms(s.p50Ms)} ms` : '—'
  }
  const other = table(
    ['Measure', SERVER_NAMES.worker, SERVER_NAMES.bare, SERVER_NAMES.node],
    [
      ['`GET /` requests/s (spread)', hello('worker'), hello('bare'), hello('node')],
      [
        'workerd RSS per 1,000 idle WebSocket sessions',
        mib(report.memory.worker),
        mib(report.memory.bare),
        '—',
      ],
      [
        'bundle, gzip (raw)',
        `${kib(report.bundle.gzipBytes)} (${kib(report.bundle.bytes)})`,
        '—',
        '—',
      ],
    ]
  )
  const targets = table(
    ['Target', 'Measured', 'Met'],
    report.targets.map((t) => [t.target, t.measured, t.met ? 'yes' : '**no**']),
    2
  )
  return `Measured ${report.date} on ${machine.cpu}, ${machine.cores} cores, ${machine.os}; Node ${machine.node}, ${machine.workerd}, ${machine.python ?? 'no python3 (asyncio skipped)'}.
${load.clients} clients per load; best of ${load.rounds} alternating rounds (spread: how far the worst round fell below the best);
ping-pong and \`GET /\` for ${load.timedMs / 1000} s each; bulk: every client streams ${whole(load.bulkLines)} lines, in ${load.bulkChunkBytes / 1024} KiB pieces over HTTP and TCP, one message per line over WebSocket.
Latency is per line, from send to echo, in the round with the best rate.

${echo}

${other}

${targets}
`
}
