/** Measures the resident memory of the workerd processes that `wrangler dev` started. */
import { readdirSync, readFileSync } from 'node:fs'
import { inject } from 'vitest'
import { waitFor } from '../../helpers/wait-for'

function processGroupOf(pid: string): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // Fields after "(comm)": state, ppid, pgrp, ...; comm itself may contain spaces.
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2])
  } catch {
    return undefined // Gone in the meantime.
  }
}

/** Pids of the workerd processes in a Worker's process group (wrangler's proxy and the Worker). */
function workerdPids(group = inject('workerGroup')): string[] {
  return readdirSync('/proc').filter((pid) => {
    if (!/^\d+$/.test(pid) || processGroupOf(pid) !== group) return false
    try {
      return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'workerd'
    } catch {
      return false
    }
  })
}

/** VmRSS summed over workerd's processes, in bytes, from /proc/<pid>/status. */
export function workerdRssBytes(group = inject('workerGroup')): number {
  const pids = workerdPids(group)
  if (pids.length === 0) throw new Error('no workerd process found in the Worker process group')
  let total = 0
  for (const pid of pids) {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    total += Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) * 1024
  }
  return total
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
