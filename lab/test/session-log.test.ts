/** The session log line under `wrangler dev`: the client, the id its response carried, the trace id. */
import { describe, expect, it } from 'vitest'
import { waitForSessionLogs } from '../../test/e2e/echo/helpers/worker-session-logs'
import { openWebSocket, texts } from '../../test/e2e/echo/helpers/ws-client'
import { logMark } from '../../test/e2e/helpers/worker-log'
import { workerUrl } from '../../test/e2e/helpers/worker-under-test'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const TRACE_ID = /^[0-9a-f]{32}$/
/** A caller's W3C traceparent, in a trace of its own for each test, sampled or not. */
const traceparent = (traceId: string, flags = '01') => `00-${traceId}-00f067aa0ba902b7-${flags}`

describe('a session and its log line', () => {
  it('over HTTP: the log line carries the x-request-id of the response, the client and the trace id', async () => {
    const since = logMark()
    const traceId = 'a0'.repeat(16)
    const response = await fetch(`${workerUrl()}/echo`, {
      method: 'POST',
      body: 'one\n\n',
      headers: { 'cf-connecting-ip': '198.51.100.60', traceparent: traceparent(traceId) },
    })
    const id = response.headers.get('x-request-id')
    expect(id).toMatch(UUID)
    expect(await response.text()).toBe('one\nGood bye, client @ 198.51.100.60\n')
    expect(await waitForSessionLogs(since, 1, (log) => log.requestId === id)).toMatchObject([
      {
        event: 'session-end',
        transport: 'http',
        client: '198.51.100.60',
        traceId,
        traceSampled: true,
        lines: 1,
      },
    ])
  })

  it('over HTTP without a traceparent: the log line carries a fresh trace id', async () => {
    const since = logMark()
    const traceIdOfSession = async () => {
      const response = await fetch(`${workerUrl()}/echo`, { method: 'POST', body: '\n' })
      const id = response.headers.get('x-request-id')
      await response.text()
      const [log] = await waitForSessionLogs(since, 1, (log) => log.requestId === id)
      return log?.traceId
    }
    const ids = [await traceIdOfSession(), await traceIdOfSession()]
    expect(ids).toEqual([expect.stringMatching(TRACE_ID), expect.stringMatching(TRACE_ID)])
    expect(ids[0]).not.toBe(ids[1])
  })

  it.each(['/ws', '/ws/hibernating'])(
    'over %s: every event of the session keeps the ids of its upgrade request, and its trace unsampled as it came',
    async (path) => {
      const since = logMark()
      const ray = path === '/ws' ? '00000000000000b1-NRT' : '00000000000000b2-NRT'
      const traceId = (path === '/ws' ? 'b1' : 'b2').repeat(16)
      const ws = await openWebSocket(workerUrl(), '198.51.100.61', {
        path,
        headers: { 'cf-ray': ray, traceparent: traceparent(traceId, '00') },
      })
      expect(ws.upgradeHeaders['x-request-id']).toBe(ray)
      ws.socket.send('one\n')
      await ws.waitForMessages(1)
      ws.socket.send('\n')
      expect(await ws.closed()).toEqual({ code: 1000, reason: 'goodbye' })
      expect(texts(ws.messages)).toEqual(['one\n', 'Good bye, client @ 198.51.100.61\n'])
      expect(await waitForSessionLogs(since, 1, (log) => log.requestId === ray)).toMatchObject([
        {
          event: 'session-end',
          client: '198.51.100.61',
          traceId,
          traceSampled: false,
          lines: 1,
          end: 'blank-line',
        },
      ])
    }
  )
})
