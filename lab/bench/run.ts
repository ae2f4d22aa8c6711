/**
 * `npm run bench`: builds the template with and without its context, serves them and a
 * bare Worker on workerd beside a Node floor and the tutorial's asyncio server, measures
 * rates and CPU per line in alternating rounds, prints the report, and writes
 * lab/bench/results/latest.json, lab/benchmark.md's report and README's headline.
 * Options (`npm run bench -- --help` lists them with their defaults): --rounds, --seconds,
 * --only, --no-write, --soak.
 * To measure a change: --against DIR serves the bundle that `wrangler deploy --dry-run
 * --outdir DIR` built before it, where the template without its context would be (and
 * writes nothing); DIR is read from where npm was started.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { type BuiltWorker, buildWithoutContext, buildWorker } from './build-worker.ts'
import { type BenchOptions, parseBenchOptions, UsageError, usage } from './cli-options.ts'
import { renderHeadline } from './headline.ts'
import { residentPerIdleSessions } from './load/idle-sessions.ts'
import { describeMachine, type Machine } from './machine.ts'
import { replaceSection } from './marked-section.ts'
import type { LoadShape } from './measure.ts'
import { REPORT_PAGE, RESULTS, TEMPLATE } from './paths.ts'
import { pinLoadClient, stopAll } from './processes.ts'
import { progress, progressDone } from './progress.ts'
import { type Report, renderReport } from './report-table.ts'
import { runRounds } from './rounds.ts'
import { findPython, startServers } from './servers.ts'
import { runSoak, soakHeld } from './soak.ts'
import { renderSoak } from './soak-table.ts'
import { evaluateTargets, summarize } from './summarize.ts'

const IDLE_SESSIONS = 1000
// Every load has its own timeout; this bounds the whole run whatever hangs.
const RUN_LIMIT_MS = 15 * 60_000

let options: BenchOptions
try {
  options = parseBenchOptions(process.argv.slice(2))
} catch (error) {
  if (!(error instanceof UsageError)) throw error
  process.stderr.write(`bench: ${error.message}\n\n${usage()}`)
  process.exit(2)
}
if (options.help) {
  process.stdout.write(usage())
  process.exit(0)
}
setTimeout(() => {
  console.error(`bench: still running after ${RUN_LIMIT_MS / 60_000} minutes, giving up`)
  process.exit(1)
}, RUN_LIMIT_MS).unref()
const root = TEMPLATE
const workerdPath = join(root, 'node_modules', '.bin', 'workerd')
const { rounds, sessions } = options
const load: LoadShape = {
  clients: 50,
  timedMs: options.seconds * 1000,
  bulkLines: 10_000,
  bulkMessages: 2_000,
  bulkChunkBytes: 64 * 1024,
  bulkTimeoutMs: 60_000,
}
const warmUp: LoadShape = {
  ...load,
  clients: 10,
  timedMs: 500,
  bulkLines: 2_000,
  bulkMessages: 500,
}
const dir = mkdtempSync(join(tmpdir(), 'bench-'))

const write = options.write
const stamp = () => `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`

/** Formats `paths` as `npm run check` wants them (Biome pads Markdown tables too). */
function formatFiles(paths: readonly string[]) {
  const biome = join(root, 'node_modules', '@biomejs', 'biome', 'bin', 'biome')
  execFileSync(process.execPath, [biome, 'format', '--write', ...paths], { stdio: 'ignore' })
}

/** Writes `value` as JSON to `name` in the results folder. */
function writeResult(name: string, value: unknown) {
  mkdirSync(RESULTS, { recursive: true })
  writeFileSync(join(RESULTS, name), `${JSON.stringify(value, null, 2)}\n`)
  formatFiles([join(RESULTS, name)])
}

/** Replaces marked sections of Markdown pages, then formats them. */
function writeSections(sections: readonly { page: string; name: string; markdown: string }[]) {
  for (const { page, name, markdown } of sections) {
    const path = join(root, page)
    writeFileSync(path, replaceSection(readFileSync(path, 'utf8'), name, markdown))
  }
  formatFiles([...new Set(sections.map((section) => join(root, section.page)))])
}

async function benchmark(
  worker: BuiltWorker,
  noContext: BuiltWorker,
  machine: Machine,
  python: string | null
) {
  progress('starting servers')
  const against = options.against && resolve(process.env.INIT_CWD ?? '.', options.against)
  if (against) console.warn(`the no-context column is ${against}`)
  const servers = await startServers(dir, workerdPath, { worker, noContext }, python, against)
  // Weighed first, while each workerd is fresh and its heap is not still settling from load.
  const memory: Report['memory'] = {}
  for (const server of ['worker', 'noContext', 'bare'] as const) {
    progress(`memory: ${IDLE_SESSIONS} idle WebSocket sessions on ${server}`)
    const { pid, port } = servers.workerd(server)
    memory[server] = await residentPerIdleSessions(port, pid, IDLE_SESSIONS)
  }
  const only = options.only
  const { results, sideBySide } = await runRounds(servers, rounds, load, warmUp, only)
  const cells = summarize(results)
  progressDone()
  const report: Report = {
    date: stamp(),
    machine,
    load: { ...load, rounds },
    bundle: { bytes: worker.bytes, gzipBytes: worker.gzipBytes },
    memory,
    cells,
    targets: evaluateTargets(cells, { gzipBytes: worker.gzipBytes, sideBySide, memory }),
  }
  const markdown = renderReport(report)
  console.log(markdown)
  if (!write || only || against) return
  writeResult('latest.json', report)
  writeSections([
    { page: REPORT_PAGE, name: 'bench', markdown },
    { page: 'README.md', name: 'bench-headline', markdown: renderHeadline(report, REPORT_PAGE) },
  ])
  console.log(`wrote lab/bench/results/latest.json, ${REPORT_PAGE} and README.md's headline`)
}

async function soak(worker: BuiltWorker, machine: Machine) {
  const runs = await runSoak(dir, workerdPath, worker, sessions)
  progressDone()
  const where = `${machine.cpu}, ${machine.cores} cores, ${machine.os}; ${machine.workerd}`
  const markdown = renderSoak(runs, stamp(), where)
  console.log(markdown)
  if (write) {
    writeResult('soak.json', runs)
    writeSections([{ page: REPORT_PAGE, name: 'bench-soak', markdown }])
    console.log(`wrote lab/bench/results/soak.json and ${REPORT_PAGE}`)
  }
  if (!runs.every(soakHeld)) process.exitCode = 1
}

try {
  progress('building the template with and without its context (wrangler deploy --dry-run)')
  const worker = await buildWorker(root, join(dir, 'dist'))
  const python = findPython()
  if (!python) console.warn('python3 not found: the asyncio column is skipped')
  const machine = describeMachine(workerdPath, python)
  if (!pinLoadClient()) {
    console.warn('servers and load client share every core (taskset or a second core missing)')
  }
  if (options.soak) await soak(worker, machine)
  else
    await benchmark(
      worker,
      await buildWithoutContext(root, join(dir, 'no-context')),
      machine,
      python
    )
} finally {
  stopAll()
  rmSync(dir, { recursive: true, force: true })
}
