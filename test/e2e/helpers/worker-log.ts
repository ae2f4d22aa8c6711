/** Reads what the Worker under test printed: its JSON log lines and any unhandled error. */
import { readFileSync, statSync } from 'node:fs'
import { inject } from 'vitest'
import { waitFor } from './wait-for'

/** One JSON log line the Worker printed; `event` names what happened. */
export interface LogLine {
  readonly event: string
  readonly [field: string]: unknown
}

// Every function reads the shared Worker's log unless given the path of another one.
const sharedLog = () => inject('workerLog')

/** Where the log ends now; pass it as `since` to read only what a test caused. */
export function logMark(log = sharedLog()): number {
  return statSync(log).size
}

export function logSince(since: number, log = sharedLog()): string {
  return readFileSync(log).subarray(since).toString('utf8')
}

function logLinesSince(since: number, log: string): LogLine[] {
  return logSince(since, log)
    .split('\n')
    .filter((line) => line.startsWith('{"event":'))
    .map((line) => JSON.parse(line) as LogLine)
}

/**
 * Waits until at least `count` JSON log lines that `match` were logged after `since`
 * (a session of an earlier test may still end meanwhile: match what this test started).
 */
export function waitForLogLines<T extends LogLine>(
  since: number,
  count: number,
  match: (line: LogLine) => line is T,
  { timeoutMs = 10_000, log = sharedLog() } = {}
): Promise<T[]> {
  let all: LogLine[] = []
  let seen: T[] = []
  return waitFor(
    () => {
      all = logLinesSince(since, log)
      seen = all.filter(match)
      return seen.length >= count ? seen : undefined
    },
    `${count} matching log lines`,
    {
      timeoutMs,
      describe: () =>
        `; ${seen.length} of ${all.length} matched; the last: ${JSON.stringify(all.slice(-3))}`,
    }
  )
}

// What workerd and wrangler print for an exception nobody caught ("✘ [ERROR] Uncaught
// Error: …", colour codes inside), and the Worker's own error events, which the context
// log names "error" or "<something>-error".
const UNHANDLED = [/Uncaught|Unhandled/i, /\bERROR\b/, /"event":"(?:[a-z]+-)*error"/]

/** Lines after `since` that report an error nobody handled. */
export function unhandledErrorsSince(since: number, log = sharedLog()): string[] {
  return logSince(since, log)
    .split('\n')
    .filter((line) => UNHANDLED.some((pattern) => pattern.test(line)))
}
