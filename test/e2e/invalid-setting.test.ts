/**
 * A typo in [vars] under `wrangler dev --var LOG_FORMAT:xml`: every request gets one 500
 * that names the variable and what it allows, and the log names it once, as an object
 * without the client's address, with no uncaught error from the log lines.
 */
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectInvalidSettingAnswers } from './setup/invalid-setting-answer'
import { launchWorker, type RunningWorker } from './setup/start-worker'

const MESSAGE = 'LOG_FORMAT must be "object" or "json", got "xml"'

let worker: RunningWorker | undefined
beforeAll(async () => {
  worker = await launchWorker({ LOG_FORMAT: 'xml' })
}, 90_000)
afterAll(() => worker?.stop())

/** The Worker's output once it holds `text`; rejects after `timeoutMs`. */
async function logOnceItHolds(log: string, text: string, timeoutMs = 5000): Promise<string> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const output = readFileSync(log, 'utf8')
    if (output.includes(text)) return output
    if (Date.now() > deadline) throw new Error(`no "${text}" in the Worker's log:\n${output}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

describe('a Worker whose LOG_FORMAT is not one it allows', () => {
  it('answers every request with a 500 that names the setting, and logs it once', async () => {
    const { url, log } = worker as RunningWorker
    const requests: [string, RequestInit][] = [
      ['/', { headers: { 'cf-connecting-ip': '198.51.100.90' } }],
      ['/', { method: 'POST', body: 'hello\n' }],
      ['/nowhere', {}],
    ]
    await expectInvalidSettingAnswers(url, requests, MESSAGE)
    // The log falls back to objects, which wrangler dev prints as they are.
    const output = await logOnceItHolds(log, MESSAGE)
    expect(output.match(/event: 'invalid-setting'/g)).toHaveLength(1)
    expect(output).toContain("variable: 'LOG_FORMAT'")
    expect(output).not.toContain('198.51.100.90')
    expect(output).not.toMatch(/Uncaught/)
  }, 30_000)
})
