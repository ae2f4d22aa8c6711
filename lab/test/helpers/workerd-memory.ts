/** What a Worker under wrangler's harness holds: its workerd processes' memory, and its peak. */
import { readdirSync, readFileSync } from 'node:fs'
import { waitFor } from '../../../test/e2e/helpers/wait-for'
import { startWorker, type WorkerUnderTest } from '../../../test/e2e/helpers/worker-under-test'
import { residentBytes } from '../../bench/process-stats.ts'

/** Children of this process that run workerd. */
function workerdChildren(): Set<number> {
  const children = new Set<number>()
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      // Fields after "(comm)": state, ppid, ...; comm itself may contain spaces.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      if (ppid === process.pid && stat.includes('(workerd)')) children.add(Number(pid))
    } catch {
      // Gone in the meantime.
    }
  }
  return children
}

export interface MeasuredWorker extends WorkerUnderTest {
  /** Resident memory of this Worker's workerd processes, in bytes. */
  rss(): number
}

/**
 * A Worker of its own, with `rss()`: the resident memory of the workerd processes its
 * harness started (the Worker's and the harness's entry), told apart from any other
 * harness's by which ones appeared.
 */
export async function startMeasuredWorker(): Promise<MeasuredWorker> {
  const before = workerdChildren()
  const worker = await startWorker()
  const pids = [...workerdChildren()].filter((pid) => !before.has(pid))
  if (pids.length === 0) throw new Error('the test harness started no workerd process')
  return { ...worker, rss: () => pids.reduce((total, pid) => total + residentBytes(pid), 0) }
}

/**
 * Samples `read` until it has set no new peak (by more than 1 MiB) for `steadySamples`
 * samples in a row, or until the peak passes `limit`, and resolves with the peak. Memory
 * still growing on a slow machine is waited out rather than cut at a fixed time, and a
 * peak past the limit is reported at once.
 */
export async function steadyPeak(
  read: () => number,
  limit: number,
  { intervalMs = 100, steadySamples = 10, timeoutMs = 30_000 } = {}
): Promise<number> {
  let peak = read()
  let steady = 0
  await waitFor(
    () => {
      const now = read()
      steady = now > peak + 1024 * 1024 ? 0 : steady + 1
      peak = Math.max(peak, now)
      return steady >= steadySamples || peak > limit ? true : undefined
    },
    'memory to stop growing',
    { timeoutMs, intervalMs, describe: () => `; peak ${(peak / 1024 / 1024).toFixed(1)} MiB` }
  )
  return peak
}
