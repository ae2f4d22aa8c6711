/** A process's own accounting (Linux /proc): CPU time used and resident memory. */
import { readFileSync } from 'node:fs'

// USER_HZ: the unit of /proc/PID/stat's times; 100 on every Linux the bench runs on.
const TICKS_PER_SECOND = 100

/** CPU seconds `pid` has used, all threads, user and system. */
export function cpuSeconds(pid: number): number {
  // Fields after the command name, which may hold spaces: utime and stime are 14 and 15.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? []
  const [utime, stime] = [Number(fields[11]), Number(fields[12])]
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) throw new Error(`no CPU times for ${pid}`)
  return (utime + stime) / TICKS_PER_SECOND
}

/** Resident memory of `pid`, in bytes. */
export function residentBytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  if (!match) throw new Error(`no VmRSS for process ${pid}`)
  return Number(match[1]) * 1024
}
