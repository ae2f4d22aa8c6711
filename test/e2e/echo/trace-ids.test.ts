/**
 * The trace ids of a session's log line, held against wrangler's local observability
 * store, which files every line under the trace the runtime recorded it in: the line's
 * `traceId` is that trace when no caller sent one, and names it as `cloudflareTraceId`
 * when the caller's `traceparent` is the line's `traceId`. On every transport, and on
 * /ws/hibernating after the Durable Object was evicted and woke up for the socket.
 */
import { describe, expect, it } from 'vitest'
import { type LogLine, logMark, waitForLogLines } from '../helpers/worker-log'
import { worker, workerUrl } from '../helpers/worker-under-test'
import { openWebSocket, texts } from './helpers/ws-client'

const CALLER_TRACE_ID = 'c0ffee00c0ffee00c0ffee00c0ffee00'
const TRACE_ID = /^(?!0{32})[0-9a-f]{32}$/

interface TracedLine extends LogLine {
  readonly requestId: string
  readonly traceId: string
  readonly traceSampled: boolean
  readonly cloudflareTraceId?: string
}

/** The session-end line of the session whose request carried `ray`. */
async function sessionLine(since: number, ray: string): Promise<TracedLine> {
  const isIt = (line: LogLine): line is TracedLine =>
    line.event === 'session-end' && line.requestId === ray
  const [line] = await waitForLogLines(since, 1, isIt)
  return line as TracedLine
}

/** The trace id the local observability store filed the line of `ray` under. */
async function filedUnder(ray: string): Promise<string> {
  const rows = await worker().query(
    `SELECT DISTINCT trace_id FROM logs WHERE message LIKE '%session-end%' AND message LIKE '%${ray}%'`
  )
  expect(rows, `the store's rows for ${ray}`).toHaveLength(1)
  return String(rows[0]?.trace_id)
}

/** One session over `transport` with a `cf-ray` of its own, ended by a blank line. */
async function session(transport: string, ray: string, headers: Record<string, string>) {
  const ip = '198.51.100.80'
  if (transport === 'http') {
    const response = await fetch(`${workerUrl()}/echo`, {
      method: 'POST',
      body: 'one\n\n',
      headers: { ...headers, 'cf-ray': ray, 'cf-connecting-ip': ip },
    })
    expect(await response.text()).toBe(`one\nGood bye, client @ ${ip}\n`)
    return
  }
  const ws = await openWebSocket(workerUrl(), ip, {
    path: transport,
    headers: { ...headers, 'cf-ray': ray },
  })
  ws.socket.send('one\n')
  await ws.waitForMessages(1)
  ws.socket.send('\n')
  expect(await ws.closed()).toEqual({ code: 1000, reason: 'goodbye' })
}

const TRANSPORTS = [
  ['http', 'd1'],
  ['/ws', 'd2'],
  ['/ws/hibernating', 'd3'],
] as const

describe.each(TRANSPORTS)('a session over %s', (transport, tag) => {
  it("without a traceparent: its traceId is the trace the runtime files it under, unsampled as wrangler's local traces are", async () => {
    const since = logMark()
    const ray = `00000000000000${tag}-AMS`
    await session(transport, ray, {})
    const line = await sessionLine(since, ray)
    expect(line.traceId).toMatch(TRACE_ID)
    expect(line.traceId).toBe(await filedUnder(ray))
    expect(line.traceSampled).toBe(false)
    expect(line).not.toHaveProperty('cloudflareTraceId')
  })

  it("with a caller's traceparent: its traceId is the caller's, sampled as it came, and cloudflareTraceId the trace it is filed under", async () => {
    const since = logMark()
    const ray = `00000000000001${tag}-AMS`
    const traceparent = `00-${CALLER_TRACE_ID}-00f067aa0ba902b7-01`
    await session(transport, ray, { traceparent })
    const line = await sessionLine(since, ray)
    expect(line).toMatchObject({ traceId: CALLER_TRACE_ID, traceSampled: true })
    expect(line.cloudflareTraceId).toMatch(TRACE_ID)
    expect(line.cloudflareTraceId).toBe(await filedUnder(ray))
  })
})

describe('a /ws/hibernating session after its object was evicted', () => {
  it.each([
    ['without a traceparent', {}],
    ["with a caller's traceparent", { traceparent: `00-${CALLER_TRACE_ID}-00f067aa0ba902b7-00` }],
  ])(
    '%s: the lines logged after the wake-up name the trace of the upgrade, as the store files them',
    async (_name, headers: Record<string, string>) => {
      const since = logMark()
      const ip = 'traceparent' in headers ? '198.51.100.82' : '198.51.100.81'
      const ray = 'traceparent' in headers ? '00000000000002d4-AMS' : '00000000000002d5-AMS'
      const ws = await openWebSocket(workerUrl(), ip, {
        path: '/ws/hibernating',
        headers: { ...headers, 'cf-ray': ray },
      })
      ws.socket.send('one\n')
      await ws.waitForMessages(1)
      await worker().harness.getWorker().evictDurableObject('HIBERNATING_ECHO', {
        name: ip,
        webSockets: 'hibernate',
      })
      ws.socket.send('two\n')
      ws.socket.send('\n')
      expect(await ws.closed()).toEqual({ code: 1000, reason: 'goodbye' })
      expect(texts(ws.messages)).toEqual(['one\n', 'two\n', `Good bye, client @ ${ip}\n`])
      const line = await sessionLine(since, ray)
      expect(line.lines).toBe(2)
      const filed = await filedUnder(ray)
      if ('traceparent' in headers) {
        expect(line).toMatchObject({ traceId: CALLER_TRACE_ID, cloudflareTraceId: filed })
      } else {
        expect(line.traceId).toBe(filed)
        expect(line).not.toHaveProperty('cloudflareTraceId')
      }
    }
  )
})
