/** Reads what the Worker under test logged: its JSON log lines and any error it reported. */
import { waitFor } from './wait-for'
import { type WorkerUnderTest, worker } from './worker-under-test'

/** One JSON log line the Worker printed; `event` names what happened. */
export interface LogLine {
  readonly event: string
  readonly [field: string]: unknown
}

/** How many lines the Worker has logged; pass it as `since` to read only what a test caused. */
export function logMark(from: WorkerUnderTest = worker()): number {
  return from.logs().length
}

/** The Worker's lines after `since`, as one text. */
export function logSince(since: number, from: WorkerUnderTest = worker()): string {
  return from
    .logs()
    .slice(since)
    .map((line) => line.message)
    .join('\n')
}

function logLinesSince(since: number, from: WorkerUnderTest): LogLine[] {
  return from
    .logs()
    .slice(since)
    .filter((line) => line.message.startsWith('{"event":'))
    .map((line) => JSON.parse(line.message) as LogLine)
}

/**
 * Waits until at least `count` JSON log lines that `match` were logged after `since`
 * (a session of an earlier test may still end meanwhile: match what this test started).
 */
export function waitForLogLines<T extends LogLine>(
  since: number,
  count: number,
  match: (line: LogLine) => line is T,
  { timeoutMs = 10_000, from = worker() }: { timeoutMs?: number; from?: WorkerUnderTest } = {}
): Promise<T[]> {
  let all: LogLine[] = []
  let seen: T[] = []
  return waitFor(
    () => {
      all = logLinesSince(since, from)
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

/** The Worker's error events, which the context log names "error" or "<something>-error". */
const ERROR_EVENT = /"event":"(?:[a-z]+-)*error"/

/**
 * What reported an error after `since` (a `Date.now()`): lines logged at error level or
 * naming an error event, and, from the local observability store, every invocation that
 * ended in an exception nobody caught (which the runtime records on its span, not in the
 * Worker's own log).
 */
export async function errorsSince(
  since: number,
  from: WorkerUnderTest = worker()
): Promise<string[]> {
  const logged = from
    .logs()
    .filter((line) => line.timestamp >= since)
    .filter((line) => line.level === 'error' || ERROR_EVENT.test(line.message))
    .map((line) => line.message)
  // With the lines of the same trace, which name its client.
  const uncaught = await from.query(
    `SELECT name, error, (SELECT group_concat(message, ' ') FROM logs WHERE logs.trace_id = spans.trace_id) AS lines
     FROM spans WHERE error IS NOT NULL AND start_ms >= ${Math.floor(since)}`
  )
  return [
    ...logged,
    ...uncaught.map((span) => `uncaught in ${span.name}: ${span.error}; its trace: ${span.lines}`),
  ]
}
