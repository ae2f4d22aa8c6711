/**
 * The built bundle on a workerd of its own, as the bench serves it, for measurements that
 * wrangler's harness would blur: its entry proxies WebSocket traffic and buffers it too, so
 * what a client makes the Worker hold shows only in workerd's own RSS, with nothing between.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { inject } from 'vitest'
import { type BuiltWorker, builtWorkerIn } from '../../bench/build-worker.ts'
import { residentBytes } from '../../bench/process-stats.ts'
import { stopAll } from '../../bench/processes.ts'
import { builtModules, serveWorker } from '../../bench/servers.ts'
import { SOAK_V8_FLAGS } from '../../bench/soak.ts'

export interface FreshWorkerd {
  readonly url: string
  /** workerd's resident memory now, in bytes. */
  rss(): number
  stop(): void
}

const template = resolve(import.meta.dirname, '..', '..', '..')

/** The template as `wrangler deploy` builds it: the run's production build (its global setup). */
export const builtTemplate = (): BuiltWorker =>
  builtWorkerIn(inject('builtWorkerDir'), join(template, 'wrangler.toml'))

/**
 * Serves `worker` on a fresh workerd, with V8's heap capped as Cloudflare caps an isolate
 * (the soak's flags): left alone, local V8 grows its heap lazily and garbage passes for
 * memory held.
 */
export async function freshWorkerd(worker: BuiltWorker): Promise<FreshWorkerd> {
  const dir = mkdtempSync(join(tmpdir(), 'context-echo-workerd-'))
  const workerd = join(template, 'node_modules', '.bin', 'workerd')
  const served = {
    name: 'flooded',
    modules: builtModules(worker, dir),
    durableObjects: worker.durableObjects,
  }
  const { pid, port } = await serveWorker(workerd, dir, served, worker, SOAK_V8_FLAGS)
  return { url: `http://127.0.0.1:${port}`, rss: () => residentBytes(pid), stop: stopAll }
}
