/**
 * The template's point under load: 1000 HTTP and 500 WebSocket sessions (half of them
 * to /ws/hibernating) open at once,
 * each claiming its own client address, interleaved with random small delays. Every
 * goodbye and every session-end log line must name the session's own client.
 */
import { Agent } from 'node:http'
import { describe, expect, it } from 'vitest'
import {
  type SessionLog,
  waitForSessionLogs,
} from '../../test/e2e/echo/helpers/worker-session-logs'
import { openWebSocket, texts } from '../../test/e2e/echo/helpers/ws-client'
import { within } from '../../test/e2e/helpers/wait-for'
import { logMark } from '../../test/e2e/helpers/worker-log'
import { workerUrl } from '../../test/e2e/helpers/worker-under-test'
import { WEBSOCKET_ENDPOINTS } from '../../test/echo/helpers/websocket-endpoints'
import { seededRandom } from './helpers/seeded-random'
import { streamedPost } from './helpers/streamed-post'

const HTTP_SESSIONS = 1000
const WEBSOCKET_SESSIONS = 500
const random = seededRandom(4)
const pause = () => new Promise((resolve) => setTimeout(resolve, random.int(0, 20)))

interface Session {
  readonly transport: string
  readonly path: string
  readonly ip: string
  readonly lines: readonly string[]
}

/**
 * Two lines naming the client; the second is padded so that each session of a transport
 * echoes a different number of bytes, which identifies its log line without trusting
 * the log line's own `client`.
 */
function session(transport: string, path: string, index: number, ip: string): Session {
  const first = `hello from ${ip}\n`
  const second = `bye from ${ip} `
  const pad = 200 + index - Buffer.byteLength(first) - Buffer.byteLength(second) - 1
  return { transport, path, ip, lines: [first, `${second}${'.'.repeat(pad)}\n`] }
}
const bytesOf = (s: Session) => Buffer.byteLength(s.lines.join(''))
const goodbye = (ip: string) => `Good bye, client @ ${ip}\n`

/** A barrier: resolves once `count` sessions have arrived, so all are open at once. */
function barrier(count: number) {
  let arrived = 0
  let release = () => {}
  const open = new Promise<void>((resolve) => {
    release = resolve
  })
  return {
    arrive: () => {
      if (++arrived === count) release()
      return within(open, 30_000, () => `all ${count} sessions open (${arrived} were)`)
    },
  }
}

async function httpSession(url: string, s: Session, agent: Agent, allOpen: () => Promise<void>) {
  const [first, second] = s.lines as [string, string]
  const post = streamedPost(`${url}/echo`, { clientIp: s.ip, agent })
  await post.write(first)
  await post.waitForBytes(Buffer.byteLength(first), 20_000)
  await allOpen()
  await pause()
  await post.write(second)
  await pause()
  await post.write('\n')
  post.end()
  return (await post.finished(20_000)).toString('utf8')
}

async function websocketSession(url: string, s: Session, allOpen: () => Promise<void>) {
  const [first, second] = s.lines as [string, string]
  const client = await openWebSocket(url, s.ip, { path: s.path, timeoutMs: 20_000 })
  client.socket.send(first)
  await client.waitForMessages(1, 20_000)
  await allOpen()
  await pause()
  client.socket.send(second)
  await pause()
  client.socket.send('\n')
  const { code } = await client.closed(20_000)
  return { messages: texts(client.messages), code }
}

describe('isolation under load', () => {
  it('gives 1000 HTTP and 500 WebSocket sessions (both endpoints) open at once each its own goodbye and log line', async () => {
    const url = workerUrl()
    const since = logMark()
    const httpSessions = Array.from({ length: HTTP_SESSIONS }, (_, i) =>
      session('http', '/echo', i, `10.${40 + (i >> 8)}.${i & 255}.${1 + (i % 250)}`)
    )
    const websocketSessions = Array.from({ length: WEBSOCKET_SESSIONS }, (_, i) => {
      const { path, transport } = WEBSOCKET_ENDPOINTS[i % WEBSOCKET_ENDPOINTS.length] as {
        path: string
        transport: string
      }
      return session(transport, path, i, `2001:db8:40::${(i + 1).toString(16)}`)
    })
    const { arrive } = barrier(HTTP_SESSIONS + WEBSOCKET_SESSIONS)
    const agent = new Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY })
    const started = Date.now()
    try {
      const [httpBodies, websocketResults] = await Promise.all([
        Promise.all(httpSessions.map((s) => httpSession(url, s, agent, arrive))),
        Promise.all(websocketSessions.map((s) => websocketSession(url, s, arrive))),
      ])
      httpSessions.forEach((s, i) => {
        expect(httpBodies[i], s.ip).toBe(`${s.lines.join('')}${goodbye(s.ip)}`)
      })
      websocketSessions.forEach((s, i) => {
        expect(websocketResults[i], s.ip).toEqual({
          messages: [...s.lines, goodbye(s.ip)],
          code: 1000,
        })
      })
    } finally {
      agent.destroy()
    }
    console.log(`${HTTP_SESSIONS + WEBSOCKET_SESSIONS} sessions in ${Date.now() - started} ms`)

    const all = [...httpSessions, ...websocketSessions]
    const ours = (log: SessionLog) =>
      log.bytes >= 200 && log.bytes < 200 + HTTP_SESSIONS && log.end === 'blank-line'
    const logs = await waitForSessionLogs(since, all.length, ours, { timeoutMs: 20_000 })
    const byKey = Map.groupBy(logs, (log) => `${log.transport} ${log.bytes}`)
    for (const s of all) {
      expect(byKey.get(`${s.transport} ${bytesOf(s)}`), s.ip).toMatchObject([
        { transport: s.transport, client: s.ip, lines: 2, end: 'blank-line' },
      ])
    }
  }, 90_000)
})
