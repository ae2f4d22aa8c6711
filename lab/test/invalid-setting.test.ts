/**
 * A typo in the echo's [vars] (`MAX_LINE_BYTES = "64KiB"`): the echo's
 * routes, WebSocket handshakes included, answer one 500 that names the variable and what
 * it allows, before any session starts; the log names it once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { waitFor } from '../../test/e2e/helpers/wait-for'
import { errorsSince, logSince } from '../../test/e2e/helpers/worker-log'
import { startWorker, type WorkerUnderTest } from '../../test/e2e/helpers/worker-under-test'
import { expectInvalidSettingAnswers } from './helpers/invalid-setting-answer'

/** A WebSocket handshake the server answers without upgrading: its status and body. */
function refusedHandshake(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url)
    ws.on('open', () => reject(new Error(`${url} upgraded`)))
    ws.on('error', reject)
    ws.on('unexpected-response', (_request, response) => {
      let body = ''
      response.setEncoding('utf8')
      response.on('data', (piece: string) => (body += piece))
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }))
    })
  })
}

let worker: WorkerUnderTest | undefined
beforeAll(async () => {
  worker = await startWorker({ MAX_LINE_BYTES: '64KiB' })
}, 90_000)
afterAll(() => worker?.close())

const MESSAGE = 'MAX_LINE_BYTES must be a positive whole number, got "64KiB"'

describe('an echo whose MAX_LINE_BYTES is not a number', () => {
  it('answers every route with a 500 that names the setting, and logs it once', async () => {
    const { url } = worker as WorkerUnderTest
    const requests: [string, RequestInit][] = [
      ['/echo', { method: 'POST', body: 'hello\n\n' }],
      ['/echo', { method: 'PUT', body: 'hello\n\n' }],
    ]
    await expectInvalidSettingAnswers(url, requests, MESSAGE)
    for (const path of ['/ws', '/ws/hibernating']) {
      const refused = await refusedHandshake(`${url.replace('http', 'ws')}${path}`)
      expect(refused, path).toMatchObject({ status: 500 })
      expect(refused.body, path).toContain(MESSAGE)
    }
    // npm start's LOG_FORMAT=json holds: the line is one JSON string.
    const text = await waitFor(
      () =>
        logSince(0, worker).includes('"event":"invalid-setting"') ? logSince(0, worker) : undefined,
      'the invalid-setting line',
      { describe: () => `\n${logSince(0, worker)}` }
    )
    const lines = text.split('\n').filter((line) => line.includes('"event":"invalid-setting"'))
    expect(
      lines.map((line) => JSON.parse(line.slice(line.indexOf('{'), line.lastIndexOf('}') + 1)))
    ).toMatchObject([{ event: 'invalid-setting', variable: 'MAX_LINE_BYTES', error: MESSAGE }])
    const errors = await errorsSince(0, worker)
    expect(errors.filter((line) => !line.includes('"event":"invalid-setting"'))).toEqual([])
  }, 30_000)
})
