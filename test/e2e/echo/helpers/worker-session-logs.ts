/** The echo's session-end log lines, as the Worker under test logged them. */
import type { SessionLog } from '../../../echo/helpers/session-logs'
import { type LogLine, waitForLogLines } from '../../helpers/worker-log'

export type { SessionLog }

const isSessionLog = (line: LogLine): line is LogLine & SessionLog => line.event === 'session-end'

/**
 * Waits until at least `count` session-end lines that `match` were logged after `since`
 * (a session of an earlier test may still end meanwhile: match what this test started).
 */
export function waitForSessionLogs(
  since: number,
  count: number,
  match: (log: SessionLog) => boolean,
  options?: Parameters<typeof waitForLogLines>[3]
): Promise<SessionLog[]> {
  return waitForLogLines(
    since,
    count,
    (line): line is LogLine & SessionLog => isSessionLog(line) && match(line),
    options
  )
}
