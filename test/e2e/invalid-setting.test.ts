/**
 * A forker's typo in [vars] under `wrangler dev --var LOG_FORMAT:xml`: every request gets
 * one 500 that names the variable and what it allows, the log names it once, and nothing
 * throws from the log lines or the sessions' `finally` blocks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { waitFor } from './helpers/wait-for'
import { logSince } from './helpers/worker-log'
import { launchWorker, type RunningWorker } from './setup/start-worker'

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

let worker: RunningWorker | undefined
beforeAll(async () => {
  worker = await launchWorker({ LOG_FORMAT: 'xml' })
}, 90_000)
afterAll(() => worker?.stop())

const MESSAGE = 'LOG_FORMAT must be "object" or "json", got "xml"'

describe('a Worker whose LOG_FORMAT is not one it allows', () => {
  it('answers every route with a 500 that names the setting, and logs it once', async () => {
    const { url, log } = worker as RunningWorker
    const requests: [string, RequestInit][] = [
      ['/', {}],
      ['/echo', { method: 'POST', body: 'hello\n\n' }],
      ['/nowhere', {}],
    ]
    for (const [path, init] of requests) {
      const response = await fetch(`${url}${path}`, init)
      expect(response.status, path).toBe(500)
      expect(response.headers.get('x-request-id'), path).toMatch(/\S/)
      expect(await response.text(), path).toBe(
        `Invalid setting: ${MESSAGE}. Fix it in wrangler.toml's [vars] (or the dashboard) and deploy again.\n`
      )
    }
    for (const path of ['/ws', '/ws/hibernating']) {
      const refused = await refusedHandshake(`${url.replace('http', 'ws')}${path}`)
      expect(refused, path).toMatchObject({ status: 500 })
      expect(refused.body, path).toContain(MESSAGE)
    }
    // The log falls back to objects, which wrangler dev prints as they are.
    const text = await waitFor(
      () => (logSince(0, log).includes(MESSAGE) ? logSince(0, log) : undefined),
      'the invalid-setting line',
      { describe: () => `\n${logSince(0, log)}` }
    )
    expect(text.match(/event: 'invalid-setting'/g)).toHaveLength(1)
    expect(text).toContain(MESSAGE)
    expect(text).toContain("variable: 'LOG_FORMAT'")
    expect(text).not.toContain('client:')
    expect(text).not.toMatch(/Uncaught/)
  }, 30_000)
})
