/**
 * The idle timeout on a Worker with `IDLE_TIMEOUT_SECONDS = "2"`: a silent session
 * gets its goodbye and close 1000, on /ws by a timer, on /ws/hibernating by an alarm.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { waitForSessionLogs } from '../../test/e2e/echo/helpers/worker-session-logs'
import { openWebSocket, texts } from '../../test/e2e/echo/helpers/ws-client'
import { logMark } from '../../test/e2e/helpers/worker-log'
import { startWorker, type WorkerUnderTest } from '../../test/e2e/helpers/worker-under-test'
import { WEBSOCKET_ENDPOINTS } from '../../test/echo/helpers/websocket-endpoints'

let worker: WorkerUnderTest | undefined
beforeAll(async () => {
  worker = await startWorker({ IDLE_TIMEOUT_SECONDS: '2' })
}, 90_000)
afterAll(() => worker?.close())

describe.each(WEBSOCKET_ENDPOINTS)('a silent $path session', ({ path, transport }) => {
  it('gets its goodbye after IDLE_TIMEOUT_SECONDS, then close 1000, logged in its own context', async () => {
    const { url } = worker as WorkerUnderTest
    const since = logMark(worker)
    const ip = path === '/ws' ? '198.51.100.70' : '198.51.100.71'
    const ray = path === '/ws' ? '00000000000000c1-GRU' : '00000000000000c2-GRU'
    const startedAt = Date.now()
    const ws = await openWebSocket(url, ip, { path, headers: { 'cf-ray': ray } })
    expect(texts(await ws.waitForMessages(1, 6000))).toEqual([`Good bye, client @ ${ip}\n`])
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(1900)
    // workerd sends the Close frame of an alarm to a socket that never sent a message only
    // when the object next hibernates, about 10 s later (docs/hibernation.md): allow for it.
    expect(await ws.closed(20_000)).toEqual({ code: 1000, reason: 'idle timeout' })
    const logs = await waitForSessionLogs(since, 1, (line) => line.client === ip, {
      from: worker,
    })
    expect(logs).toMatchObject([{ transport, requestId: ray, end: 'idle-timeout', lines: 0 }])
  }, 30_000)
})
