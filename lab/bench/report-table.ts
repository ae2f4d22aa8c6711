/** Renders a run as Markdown: the same text goes to the terminal and to README. */
import type { Machine } from './machine.ts'
import type { LoadShape } from './measure.ts'
import type { CellId, ServerId, WorkerdServerId } from './plan.ts'
import { SERVER_NAMES } from './plan.ts'
import type { CellSummary, Summaries, Target } from './summarize.ts'

const VERDICT_CELLS = { met: 'yes', 'not met': '**no**', inconclusive: 'inconclusive' } as const

export interface Report {
  readonly date: string
  readonly machine: Machine
  readonly load: LoadShape & { readonly rounds: number }
  readonly bundle: { readonly bytes: number; readonly gzipBytes: number }
  /** Resident bytes workerd adds per 1,000 idle WebSocket sessions. */
  readonly memory: Partial<Record<WorkerdServerId, number>>
  readonly cells: Summaries
  readonly targets: readonly Target[]
}

const whole = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '—')
const ms = (n: number) => (Number.isFinite(n) ? (n < 10 ? n.toFixed(2) : n.toFixed(1)) : '—')
const kib = (bytes: number) => `${(bytes / 1024).toFixed(2)} KiB`
const mib = (bytes: number | undefined) =>
  bytes === undefined ? '—' : `${(bytes / 1024 / 1024).toFixed(1)} MiB`

const us = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '—')
const percent = (n: number) => `${Math.round(n * 100)}%`

/** Rate (spread), CPU µs per line (spread), p50, p99 of one server in one cell. */
const cellColumns = (s: CellSummary | undefined): string[] => {
  if (!s) return ['—', '—', '—', '—']
  if (!Number.isFinite(s.best)) {
    const failed = s.rounds.find((r) => typeof r === 'string')
    return [`failed: ${failed ?? 'no round'}`, '—', '—', '—']
  }
  return [
    `${whole(s.best)} (${percent(s.spread)})`,
    `${us(s.cpuUsPerLine)} (${percent(s.cpuSpread)})`,
    ms(s.p50Ms),
    ms(s.p99Ms),
  ]
}

const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`
/** A Markdown table whose first `labels` columns are text (left) and the rest numbers (right). */
const table = (head: readonly string[], rows: readonly (readonly string[])[], labels = 1) =>
  [row(head), row(head.map((_, i) => (i < labels ? '---' : '--:'))), ...rows.map(row)].join('\n')

const ECHO_ROWS: [ServerId, string, 'http' | 'websocket'][] = [
  ['worker', 'HTTP stream', 'http'],
  ['noContext', 'HTTP stream', 'http'],
  ['bare', 'HTTP stream', 'http'],
  ['node', 'raw TCP', 'http'],
  ['asyncio', 'raw TCP', 'http'],
  ['worker', 'WebSocket', 'websocket'],
  ['noContext', 'WebSocket', 'websocket'],
  ['bare', 'WebSocket', 'websocket'],
  ['node', 'WebSocket (`ws`)', 'websocket'],
]

const WORKERS: readonly WorkerdServerId[] = ['worker', 'noContext', 'bare']

export function renderReport(report: Report): string {
  const { cells, machine, load } = report
  const cell = (id: CellId, server: ServerId) => cells[id]?.[server]
  const echo = table(
    [
      'Server',
      'Transport',
      'Ping-pong lines/s (spread)',
      'CPU µs/line (spread)',
      'p50 ms',
      'p99 ms',
      'Bulk lines/s (spread)',
      'CPU µs/line (spread)',
      'p50 ms',
      'p99 ms',
    ],
    ECHO_ROWS.filter(
      ([server, , t]) => cell(`${t}-ping-pong`, server) || cell(`${t}-bulk`, server)
    ).map(([server, transport, t]) => [
      SERVER_NAMES[server],
      transport,
      ...cellColumns(cell(`${t}-ping-pong`, server)),
      ...cellColumns(cell(`${t}-bulk`, server)),
    ]),
    2
  )
  const other = table(
    [
      'Server',
      '`GET /` requests/s (spread)',
      'CPU µs/request (spread)',
      'p50 ms',
      'RSS per 1,000 idle WebSockets',
    ],
    (['worker', 'noContext', 'bare', 'node'] as const).map((server) => {
      const [rate, cpu, p50] = cellColumns(cell('hello', server))
      const memory = server === 'node' ? '—' : mib(report.memory[server])
      return [SERVER_NAMES[server], rate as string, cpu as string, p50 as string, memory]
    })
  )
  const targets = table(
    ['Target', 'Measured', 'Met'],
    report.targets.map((t) => [t.target, t.measured, VERDICT_CELLS[t.verdict]]),
    2
  )
  const served = WORKERS.map((server) => SERVER_NAMES[server]).join(', ')
  return `Measured ${report.date} on ${machine.cpu}, ${machine.cores} cores, ${machine.os}; Node ${machine.node}, ${machine.workerd}, ${machine.python ?? 'no python3 (asyncio skipped)'}.
${served}: each on a workerd process of its own. ${load.clients} clients per load; ${load.rounds} alternating rounds;
ping-pong and \`GET /\` for ${load.timedMs / 1000} s each; bulk: every client streams ${whole(load.bulkLines)} lines in ${load.bulkChunkBytes / 1024} KiB pieces over HTTP and TCP, and ${whole(load.bulkMessages)} messages, one line each, over WebSocket.
Rates: the best round, and how far the worst fell below it. CPU: the serving process's user and system time during the load (\`/proc/PID/stat\`, all its threads), divided by the lines echoed (requests for \`GET /\`): the least round, and how far the most rose above it. Latency per line, from send to echo, in the round with the best rate.

${echo}

${other}

Bundle, gzip (raw): ${kib(report.bundle.gzipBytes)} (${kib(report.bundle.bytes)}).

${targets}
`
}
