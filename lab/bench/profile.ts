/**
 * `npm run bench:profile -- [--cell http-ping-pong] [--server worker|noContext|bare] [--seconds 5]`:
 * runs one cell against one Worker on workerd with the V8 profiler attached (over the
 * inspector protocol) and prints where the isolate's time goes: our modules, Hono, the
 * runtime's own JavaScript, native work ("(program)"), GC and idle.
 */

import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import WebSocket from 'ws'
import { buildWithoutContext, buildWorker } from './build-worker.ts'
import { measure } from './measure.ts'
import { SERVERS, TEMPLATE } from './paths.ts'
import { CELLS } from './plan.ts'
import { cpuSeconds } from './process-stats.ts'
import { startServer, stopAll } from './processes.ts'
import { bundleSections, type ProfileNode, selfTimeBy } from './profile-summary.ts'
import { builtModules } from './servers.ts'
import { workerdConfig } from './workerd-config.ts'

const { values } = parseArgs({
  options: {
    cell: { type: 'string', default: 'http-ping-pong' },
    server: { type: 'string', default: 'worker' },
    seconds: { type: 'string', default: '5' },
  },
})
const cell = CELLS.find((c) => c.id === values.cell)
if (!cell) throw new Error(`unknown cell ${values.cell}; one of ${CELLS.map((c) => c.id)}`)
const server = values.server === 'bare' || values.server === 'noContext' ? values.server : 'worker'
const root = TEMPLATE
const dir = mkdtempSync(join(tmpdir(), 'bench-profile-'))

try {
  // Unminified, so that samples can be attributed to the files the bundle came from.
  const worker =
    server === 'noContext'
      ? await buildWithoutContext(root, join(dir, 'dist'), ['--no-minify'])
      : await buildWorker(root, join(dir, 'dist'), ['--no-minify'])
  copyFileSync(join(SERVERS, 'bare-worker.js'), join(dir, 'bare.js'))
  const modules =
    server === 'bare'
      ? [{ name: 'bare.js', file: 'bare.js', type: 'esModule' as const }]
      : builtModules(worker, dir)
  const entry = modules[0]?.name ?? 'index.js'
  const durableObjects = server === 'bare' ? [] : worker.durableObjects
  writeFileSync(
    join(dir, 'profiled.capnp'),
    workerdConfig([{ name: 'profiled', modules, port: 0, durableObjects }], worker.settings)
  )
  const workerd = await startServer(
    join(root, 'node_modules', '.bin', 'workerd'),
    ['serve', 'profiled.capnp', '--inspector-addr=127.0.0.1:0', '--control-fd=3'],
    { cwd: dir, inspector: true }
  )
  const { port } = workerd
  const inspector = new WebSocket(`ws://127.0.0.1:${workerd.inspectorPort}/profiled`)
  await new Promise((ready, fail) => inspector.once('open', ready).once('error', fail))
  let nextId = 1
  const call = (method: string, params: object = {}) =>
    new Promise<Record<string, unknown>>((done) => {
      const id = nextId++
      const onMessage = (data: WebSocket.RawData) => {
        const message = JSON.parse(data.toString())
        if (message.id !== id) return
        inspector.off('message', onMessage)
        done(message.result ?? {})
      }
      inspector.on('message', onMessage)
      inspector.send(JSON.stringify({ id, method, params }))
    })
  const shape = {
    clients: 50,
    timedMs: Number(values.seconds) * 1000,
    bulkLines: 10_000,
    bulkMessages: 2_000,
  }
  const fullShape = { ...shape, bulkChunkBytes: 64 * 1024, bulkTimeoutMs: 60_000 }
  await measure(cell, server, port, workerd.pid, { ...fullShape, timedMs: 1000 })
  await call('Profiler.enable')
  await call('Profiler.setSamplingInterval', { interval: 200 })
  await call('Profiler.start')
  const cpuBefore = cpuSeconds(workerd.pid)
  const result = await measure(cell, server, port, workerd.pid, fullShape)
  const cpu = cpuSeconds(workerd.pid) - cpuBefore
  const { profile } = (await call('Profiler.stop')) as { profile: { nodes: ProfileNode[] } }
  inspector.close()
  const entryFile = server === 'bare' ? join(dir, entry) : join(worker.outdir, entry)
  const sections = bundleSections(readFileSync(entryFile, 'utf8'))
  const perClient = cell.transport === 'websocket' ? shape.bulkMessages : shape.bulkLines
  const count = cell.mode === 'bulk' ? 50 * perClient : result.rate * Number(values.seconds)
  console.log(
    `${cell.id} on ${server}: ${Math.round(result.rate)}/s; workerd used ${cpu.toFixed(2)} CPU s, ` +
      `${((cpu / count) * 1e6).toFixed(1)} µs per ${cell.mode === 'hello' ? 'request' : 'line'}`
  )
  for (const [name, share] of selfTimeBy(profile.nodes, entry, sections, 'section').slice(0, 12)) {
    console.log(`${(share * 100).toFixed(1).padStart(5)}%  ${name}`)
  }
  console.log('top functions:')
  for (const [name, share] of selfTimeBy(profile.nodes, entry, sections, 'function').slice(0, 20)) {
    console.log(`${(share * 100).toFixed(1).padStart(5)}%  ${name}`)
  }
} finally {
  stopAll()
  rmSync(dir, { recursive: true, force: true })
}
