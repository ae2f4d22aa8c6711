/** Captures the Worker's session-end log lines (the Worker runs in the test's isolate). */
import { vi } from 'vitest'

export interface SessionLog {
  event: 'session-end'
  transport: string
  client: string
  lines: number
  bytes: number
  end: string
  durationMs: number
}

export function captureSessionLogs() {
  const logs: SessionLog[] = []
  const spy = vi.spyOn(console, 'log').mockImplementation((line: unknown) => {
    if (typeof line === 'string' && line.includes('"session-end"')) logs.push(JSON.parse(line))
  })
  return {
    logs,
    /** Resolves once `count` session logs were written, or rejects after `timeoutMs`. */
    async waitFor(count: number, timeoutMs = 2000): Promise<SessionLog[]> {
      const deadline = Date.now() + timeoutMs
      while (logs.length < count) {
        if (Date.now() > deadline)
          throw new Error(`expected ${count} session logs, got ${logs.length}`)
        await new Promise((resolve) => setTimeout(resolve, 5))
      }
      return logs
    },
    restore: () => spy.mockRestore(),
  }
}
