/**
 * A typo in [vars] (`LOG_FORMAT = "xml"`): every request gets one 500 that names the
 * variable and what it allows, and the log names it once, as an object without the
 * client's address, with no uncaught error from the log lines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { waitFor } from '../../test/e2e/helpers/wait-for'
import { errorsSince, logSince } from '../../test/e2e/helpers/worker-log'
import { startWorker, type WorkerUnderTest } from '../../test/e2e/helpers/worker-under-test'
import { expectInvalidSettingAnswers } from './helpers/invalid-setting-answer'

const MESSAGE = 'LOG_FORMAT must be "object" or "json", got "xml"'

let worker: WorkerUnderTest | undefined
beforeAll(async () => {
  worker = await startWorker({ LOG_FORMAT: 'xml' })
}, 90_000)
afterAll(() => worker?.close())

describe('a Worker whose LOG_FORMAT is not one it allows', () => {
  it('answers every request with a 500 that names the setting, and logs it once', async () => {
    const running = worker as WorkerUnderTest
    const requests: [string, RequestInit][] = [
      ['/', { headers: { 'cf-connecting-ip': '198.51.100.90' } }],
      ['/', { method: 'POST', body: 'hello\n' }],
      ['/nowhere', {}],
    ]
    await expectInvalidSettingAnswers(running.url, requests, MESSAGE)
    // The log falls back to objects: each line is the object as the runtime prints it.
    const output = await waitFor(
      () => (logSince(0, running).includes(MESSAGE) ? logSince(0, running) : undefined),
      `"${MESSAGE}" in the Worker's log`,
      { describe: () => `:\n${logSince(0, running)}` }
    )
    expect(output.match(/invalid-setting/g)).toHaveLength(1)
    expect(output).toMatch(/variable\W+LOG_FORMAT/)
    expect(output).not.toContain('198.51.100.90')
    const errors = await errorsSince(0, running)
    expect(errors.filter((line) => !line.includes('invalid-setting'))).toEqual([])
  }, 30_000)
})
