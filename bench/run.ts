/**
 * `npm run bench`: builds the worker, serves it and a bare Worker on workerd beside a Node
 * floor and the tutorial's asyncio server, measures them in alternating rounds, prints
 * the report, and writes bench/results/latest.json, docs/benchmark.md's report and README's
 * headline.
 * Options: --rounds N (3), --seconds S per timed load (2), --only cell,cell, --no-write.
 * To measure a change: --against DIR serves the bundle that `wrangler deploy --dry-run
 * --outdir DIR` built before it, where the bare Worker would be (and writes nothing).
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { buildWorker } from './build-worker.ts'
import { renderHeadline } from './headline.ts'
import { residentPerIdleSessions } from './load/idle-sessions.ts'
import { describeMachine } from './machine.ts'
import { replaceSection } from './marked-section.ts'
import type { LoadShape } from './measure.ts'
import type { CellId } from './plan.ts'
import { stopAll } from './processes.ts'
import { progress, progressDone } from './progress.ts'
import { type Report, renderReport } from './report-table.ts'
import { runRounds } from './rounds.ts'
import { findPython, startServers } from './servers.ts'
import { evaluateTargets, summarize } from './summarize.ts'

const IDLE_SESSIONS = 1000
// The full report's page; README carries its headline.
const REPORT_PAGE = 'docs/benchmark.md'
// Every load has its own timeout; this bounds the whole run whatever hangs.
const RUN_LIMIT_MS = 15 * 60_000

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '2' },
    only: { type: 'string' },
    against: { type: 'string' },
    'no-write': { type: 'boolean', default: false },
  },
})
setTimeout(() => {
  console.error(`bench: still running after ${RUN_LIMIT_MS / 60_000} minutes, giving up`)
  process.exit(1)
}, RUN_LIMIT_MS).unref()
const root = resolve(import.meta.dirname, '..')
const workerdPath = join(root, 'node_modules', '.bin', 'workerd')
const rounds = Number(values.rounds)
const load: LoadShape = {
  clients: 50,
  timedMs: Number(values.seconds) * 1000,
  bulkLines: 10_000,
  bulkChunkBytes: 64 * 1024,
  bulkTimeoutMs: 60_000,
}
if (!Number.isInteger(rounds) || rounds < 1 || !(load.timedMs > 0)) {
  throw new Error('--rounds takes a whole number from 1, --seconds a positive number')
}
const warmUp: LoadShape = { ...load, clients: 10, timedMs: 500, bulkLines: 2_000 }
const dir = mkdtempSync(join(tmpdir(), 'bench-'))

try {
  progress('building the worker (wrangler deploy --dry-run)')
  const worker = await buildWorker(root, join(dir, 'dist'))
  const python = findPython()
  if (!python) console.warn('python3 not found: the asyncio column is skipped')
  const machine = describeMachine(workerdPath, python)
  progress('starting servers')
  const against = values.against && resolve(values.against)
  if (against) console.warn(`the bare Worker column is ${against}`)
  const servers = await startServers(root, dir, workerdPath, worker, python, against)
  // Weighed first, while each workerd is fresh and its heap is not still settling from load.
  const memory: Report['memory'] = {}
  for (const server of ['worker', 'bare'] as const) {
    progress(`memory: ${IDLE_SESSIONS} idle WebSocket sessions on ${server}`)
    const { pid, port } = servers.workerd(server)
    memory[server] = await residentPerIdleSessions(port, pid, IDLE_SESSIONS)
  }
  const only = values.only?.split(',') as CellId[] | undefined
  const cells = summarize(await runRounds(servers, rounds, load, warmUp, only))
  progressDone()
  const report: Report = {
    date: `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    machine,
    load: { ...load, rounds },
    bundle: { bytes: worker.bytes, gzipBytes: worker.gzipBytes },
    memory,
    cells,
    targets: evaluateTargets(cells, { gzipBytes: worker.gzipBytes }),
  }
  const markdown = renderReport(report)
  console.log(markdown)
  if (!values['no-write'] && !only && !against) {
    mkdirSync(join(root, 'bench', 'results'), { recursive: true })
    writeFileSync(
      join(root, 'bench', 'results', 'latest.json'),
      `${JSON.stringify(report, null, 2)}\n`
    )
    const page = join(root, REPORT_PAGE)
    writeFileSync(page, replaceSection(readFileSync(page, 'utf8'), 'bench', markdown))
    const readme = join(root, 'README.md')
    const headline = renderHeadline(report, REPORT_PAGE)
    writeFileSync(readme, replaceSection(readFileSync(readme, 'utf8'), 'bench-headline', headline))
    // Biome formats Markdown too (it pads the tables): leave both as `npm run check` wants them.
    const biome = join(root, 'node_modules', '@biomejs', 'biome', 'bin', 'biome')
    execFileSync(process.execPath, [biome, 'format', '--write', page, readme], { stdio: 'ignore' })
    console.log(`wrote bench/results/latest.json, ${REPORT_PAGE} and README.md's headline`)
  }
} finally {
  stopAll()
  rmSync(dir, { recursive: true, force: true })
}
