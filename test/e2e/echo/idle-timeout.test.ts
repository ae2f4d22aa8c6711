/**
 * The idle timeout under `wrangler dev --var IDLE_TIMEOUT_SECONDS:2`: a silent session
 * gets its goodbye and close 1000, on /ws by a timer, on /ws/hibernating by an alarm.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WEBSOCKET_ENDPOINTS } from '../../echo/helpers/websocket-endpoints'
import { logMark } from '../helpers/worker-log'
import { launchWorker, type RunningWorker } from '../setup/start-worker'
import { waitForSessionLogs } from './helpers/session-logs'
import { openWebSocket, texts } from './helpers/websocket-client'

let worker: RunningWorker | undefined
beforeAll(async () => {
  worker = await launchWorker({ IDLE_TIMEOUT_SECONDS: '2' })
}, 90_000)
afterAll(() => worker?.stop())

describe.each(WEBSOCKET_ENDPOINTS)('a silent $path session', ({ path, transport }) => {
  it('gets its goodbye and close 1000 after IDLE_TIMEOUT_SECONDS, logged in its own context', async () => {
    const { url, log } = worker as RunningWorker
    const since = logMark(log)
    const ip = path === '/ws' ? '198.51.100.70' : '198.51.100.71'
    const ray = path === '/ws' ? '00000000000000c1-GRU' : '00000000000000c2-GRU'
    const startedAt = Date.now()
    const ws = await openWebSocket(url, ip, { path, headers: { 'cf-ray': ray } })
    expect(await ws.closed(15_000)).toEqual({ code: 1000, reason: 'idle timeout' })
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(1900)
    expect(texts(ws.messages)).toEqual([`Good bye, client @ ${ip}\n`])
    const logs = await waitForSessionLogs(since, 1, (line) => line.client === ip, { log })
    expect(logs).toMatchObject([{ transport, requestId: ray, end: 'idle-timeout', lines: 0 }])
  })
})
