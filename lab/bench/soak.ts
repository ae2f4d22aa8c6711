/**
 * `npm run bench -- --soak`: many short sessions per transport, each checked byte for byte,
 * run twice against a fresh workerd: a leak shows as RSS still growing in the second pass,
 * warm-up (heap growth, code caches, Durable Objects met for the first time) does not.
 */

import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import type { BuiltWorker } from './build-worker.ts'
import { type SoakPass, type SoakTransport, soakPass } from './load/soak-sessions.ts'
import { SERVERS } from './paths.ts'
import { residentBytes } from './process-stats.ts'
import { stopAll } from './processes.ts'
import { progress } from './progress.ts'
import { builtModules, serveWorker } from './servers.ts'

/** The most the second pass may add to workerd's RSS. */
export const SOAK_MAX_GROWTH_BYTES = 32 * 1024 * 1024
const SETTLE_MS = 1000
// Left alone, V8 grows its heap lazily (to 440 MiB RSS over 100k sessions here, where
// Cloudflare gives an isolate 128 MB), so RSS would show heap growth rather than what
// sessions leave behind. With a small heap V8 collects early, and a leak shows: as RSS
// that keeps growing, or, for objects the heap must keep, as failed sessions.
export const SOAK_V8_FLAGS = ['--max-old-space-size=64', '--max-semi-space-size=2']

export interface SoakRun {
  readonly server: 'worker' | 'bare'
  readonly transport: SoakTransport
  /** workerd's RSS before the first pass, after it, and after the second. */
  readonly rss: readonly [number, number, number]
  readonly passes: readonly [SoakPass, SoakPass]
}

const RUNS: readonly (readonly ['worker' | 'bare', SoakTransport])[] = [
  ['worker', 'http'],
  ['bare', 'http'],
  ['worker', 'websocket'],
  ['bare', 'websocket'],
  ['worker', 'websocket-hibernating'],
]

const settled = async (pid: number) => {
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS))
  return residentBytes(pid)
}

/** Each run on a fresh workerd, so that its RSS is its own transport's. */
export async function runSoak(
  dir: string,
  workerd: string,
  worker: BuiltWorker,
  sessions: number
): Promise<SoakRun[]> {
  copyFileSync(join(SERVERS, 'bare-worker.js'), join(dir, 'bare.js'))
  const runs: SoakRun[] = []
  for (const [server, transport] of RUNS) {
    const served =
      server === 'worker'
        ? {
            name: 'soakworker',
            modules: builtModules(worker, dir),
            durableObjects: worker.durableObjects,
          }
        : {
            name: 'soakbare',
            modules: [{ name: 'bare.js', file: 'bare.js', type: 'esModule' as const }],
          }
    const { pid, port } = await serveWorker(workerd, dir, served, worker, SOAK_V8_FLAGS)
    try {
      const before = await settled(pid)
      progress(`soak: ${server}, ${transport}, first pass of ${sessions}`)
      const first = await soakPass(port, transport, sessions)
      const afterFirst = await settled(pid)
      progress(`soak: ${server}, ${transport}, second pass of ${sessions}`)
      const second = await soakPass(port, transport, sessions)
      const afterSecond = await settled(pid)
      runs.push({
        server,
        transport,
        rss: [before, afterFirst, afterSecond],
        passes: [first, second],
      })
    } finally {
      stopAll()
    }
  }
  return runs
}

/** The second pass's growth within the bound, and no session anything but exact. */
export const soakHeld = (run: SoakRun): boolean =>
  run.rss[2] - run.rss[1] <= SOAK_MAX_GROWTH_BYTES &&
  run.passes.every((pass) => pass.bad.length === 0)
