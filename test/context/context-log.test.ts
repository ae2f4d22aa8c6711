import { afterEach, describe, expect, it } from 'vitest'
import { log, logError, logLine } from '../../src/context/context-log'
import { runInContext } from '../../src/context/context-storage'
import { logSettings } from '../../src/context/log-settings'
import { captureLog } from './helpers/captured-log'
import { TEST_REQUEST_ID, TEST_TRACE_ID, testContext } from './helpers/test-context'

const context = testContext('203.0.113.9')
let capture: ReturnType<typeof captureLog> | undefined
afterEach(() => capture?.restore())

describe('the context-stamped log', () => {
  it('writes each line with the event, the whole current context (its trace id too), then its own fields', () => {
    capture = captureLog()
    runInContext(context, () => log('session-end', { lines: 2 }))
    expect(capture.lines).toEqual([{ event: 'session-end', ...context, lines: 2 }])
    expect(capture.lines[0]).toMatchObject({
      client: '203.0.113.9',
      requestId: TEST_REQUEST_ID,
      traceId: TEST_TRACE_ID,
      traceSampled: true,
    })
  })

  it.each(['event', 'client', 'requestId', 'traceId', 'traceSampled'])(
    'keeps its own %s when a field has the same name, in its place',
    (key) => {
      const settings = logSettings({ LOG_FORMAT: 'object' })
      const line = runInContext(context, () =>
        logLine('session-end', { [key]: 'forged', lines: 2 }, settings)
      )
      expect(Object.entries(line)).toEqual([
        ['event', 'session-end'],
        ...Object.entries(context),
        ['lines', 2],
      ])
    }
  )

  it('carries any field added to the context, with no change to the log', () => {
    capture = captureLog()
    runInContext({ ...context, userId: 'user-42' } as typeof context, () => log('signed-in'))
    expect(capture.lines[0]).toMatchObject({ userId: 'user-42', requestId: context.requestId })
  })

  it('logs errors at error level with their message, in the context', () => {
    capture = captureLog()
    runInContext(context, () => logError('error', new TypeError('bad input')))
    expect(capture.lines).toMatchObject([
      { event: 'error', client: '203.0.113.9', error: 'bad input', errorName: 'TypeError' },
    ])
  })

  it('writes a line outside any request with no context fields, rather than throw', () => {
    capture = captureLog()
    log('startup', { ok: true })
    expect(capture.lines).toEqual([{ event: 'startup', ok: true }])
  })
})

describe('log settings', () => {
  it('writes objects by default, whose fields Workers Logs indexes', () => {
    const line = runInContext(context, () => logLine('x', {}, logSettings({})))
    expect(line).toEqual({ event: 'x', ...context })
  })

  it('writes one JSON string per line with LOG_FORMAT=json, as npm start does', () => {
    const line = runInContext(context, () =>
      logLine('x', { n: 1 }, logSettings({ LOG_FORMAT: 'json' }))
    )
    expect(typeof line).toBe('string')
    expect(JSON.parse(line as string)).toEqual({ event: 'x', ...context, n: 1 })
    expect(line).toMatch(/^\{"event":"x","client":"203\.0\.113\.9",/)
  })

  it('leaves the client out of every line with LOG_CLIENT_ADDRESS=false', () => {
    const settings = logSettings({ LOG_CLIENT_ADDRESS: 'false' })
    const line = runInContext(context, () => logLine('x', { n: 1 }, settings))
    const { client: _left, ...rest } = context
    expect(line).toEqual({ event: 'x', ...rest, n: 1 })
    expect(line).not.toHaveProperty('client')
  })

  it.each([
    [{ LOG_FORMAT: 'xml' }, 'LOG_FORMAT must be "object" or "json", got "xml"'],
    [{ LOG_CLIENT_ADDRESS: 'no' }, 'LOG_CLIENT_ADDRESS must be "true" or "false", got "no"'],
  ])('refuses %j with a clear message', (vars, message) => {
    expect(() => logSettings(vars)).toThrow(message)
  })
})
