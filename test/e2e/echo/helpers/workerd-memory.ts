/** Measures the resident memory of the workerd processes that `wrangler dev` started. */
import { readdirSync, readFileSync } from 'node:fs'
import { inject } from 'vitest'

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
