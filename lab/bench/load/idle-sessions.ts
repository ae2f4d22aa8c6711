/** Opens many WebSocket sessions and leaves them idle, to weigh what each one costs the server. */
import { residentBytes } from '../process-stats.ts'
import type { EchoSession } from './echo-session.ts'
import { within } from './open-session.ts'
import { openWebSocketSession } from './websocket-session.ts'

const BATCH = 100
const SETTLE_MS = 1000

/**
 * Resident bytes the server at `port` (process `pid`) adds per `count` more idle sessions,
 * once it is warm. The first sessions also pay for a fresh isolate's warm-up and heap
 * growth, and somewhere in the first few thousand requests V8 optimises the hot code of
 * the upgrade (for Hono, its router), which maps workerd's compiler into RSS once: about
 * 4.5 MiB that no session holds. So `2 * count` sessions warm up first, and the figure
 * is the growth over `2 * count` more, halved.
 */
export async function residentPerIdleSessions(port: number, pid: number, count: number) {
  const sessions: EchoSession[] = []
  const open = async (n: number) => {
    for (let opened = 0; opened < n; opened += BATCH) {
      const batch = Array.from({ length: Math.min(BATCH, n - opened) }, () =>
        openWebSocketSession(port, 10_000)
      )
      sessions.push(...(await Promise.all(batch)))
    }
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS))
    return residentBytes(pid)
  }
  try {
    const before = await open(2 * count)
    return ((await open(2 * count)) - before) / 2
  } finally {
    for (const session of sessions) session.finish()
    await within(Promise.allSettled(sessions.map((session) => session.closed)), 10_000, 'closing')
  }
}
