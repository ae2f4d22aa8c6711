import { createExecutionContext } from 'cloudflare:test'
import { afterEach, describe, expect, it } from 'vitest'
import { InvalidSetting, parsedOnce } from '../../src/context/invalid-setting'
import { logSettingsOrSafest } from '../../src/context/log-settings'
import { withRequestContext } from '../../src/context/with-request-context'
import { withValidSettings } from '../../src/context/with-valid-settings'
import { captureLog } from './helpers/captured-log'

let capture: ReturnType<typeof captureLog> | undefined
afterEach(() => capture?.restore())

/** A fork's own setting, checked beside the log's. */
const greeting = parsedOnce(function greeting(vars: { GREETING?: string }): string {
  const value = vars.GREETING ?? 'Hello'
  if (!/^\p{L}+$/u.test(value)) throw new InvalidSetting('GREETING', 'one word', value)
  return value
})

function guardedApp() {
  const reached: string[] = []
  const fetch = withRequestContext(
    withValidSettings((request: Request) => {
      reached.push(new URL(request.url).pathname)
      return new Response('routed\n')
    }, greeting)
  )
  const call = (env: object, path = '/') =>
    fetch(new Request(`http://example.com${path}`), env, createExecutionContext())
  return { call, reached }
}

describe('withValidSettings', () => {
  it.each([
    [{ LOG_FORMAT: 'xml' }, 'LOG_FORMAT must be "object" or "json", got "xml"'],
    [{ LOG_CLIENT_ADDRESS: 'no' }, 'LOG_CLIENT_ADDRESS must be "true" or "false", got "no"'],
    [{ GREETING: 'Hi there' }, 'GREETING must be one word, got "Hi there"'],
  ])(
    'answers every request with a 500 naming %j, logged once, and runs no route',
    async (vars, message) => {
      capture = captureLog()
      const { call, reached } = guardedApp()
      const env = { ...vars }
      const responses = await Promise.all(
        ['/', '/orders', '/orders/7'].map((path) => call(env, path))
      )
      for (const response of responses) {
        expect(response.status).toBe(500)
        expect(response.headers.get('content-type')).toMatch(/^text\/plain/)
        expect(response.headers.get('x-request-id')).toBeTruthy()
        expect(await response.text()).toBe(
          `Invalid setting: ${message}. Fix it in wrangler.toml's [vars] (or the dashboard) and deploy again.\n`
        )
      }
      // A later request of the same isolate, with a fresh env object, logs nothing more.
      expect((await call({ ...vars })).status).toBe(500)
      expect(reached).toEqual([])
      const variable = Object.keys(vars)[0]
      expect(capture.lines).toMatchObject([
        { event: 'invalid-setting', variable, error: message, errorName: 'InvalidSetting' },
      ])
      expect(capture.lines[0]?.requestId).toBe(responses[0]?.headers.get('x-request-id'))
    }
  )

  it('runs the routes when every setting is valid', async () => {
    const { call, reached } = guardedApp()
    const response = await call({ LOG_FORMAT: 'json', GREETING: 'Hej' }, '/orders')
    expect(await response.text()).toBe('routed\n')
    expect(reached).toEqual(['/orders'])
  })

  it('lets any other error of a check through, to the error handler', async () => {
    const fetch = withValidSettings(
      () => new Response('routed\n'),
      () => {
        throw new TypeError('a bug in a check')
      }
    )
    expect(() => fetch(new Request('http://example.com/'), {}, createExecutionContext())).toThrow(
      'a bug in a check'
    )
  })
})

describe('parsedOnce', () => {
  it('parses each vars object once, and keeps a throw as its outcome too', () => {
    let parses = 0
    const parse = parsedOnce((vars: { N?: string }) => {
      parses++
      if (vars.N === undefined) throw new InvalidSetting('N', 'a number', 'nothing')
      return Number(vars.N)
    })
    const good = { N: '3' }
    const bad = {}
    expect([parse(good), parse(good)]).toEqual([3, 3])
    expect(() => parse(bad)).toThrow('N must be a number, got "nothing"')
    expect(() => parse(bad)).toThrow(InvalidSetting)
    expect(parses).toBe(2)
  })
})

describe('the log while a setting is invalid', () => {
  it('writes plain objects without the client address, rather than throw', () => {
    expect(logSettingsOrSafest({ LOG_FORMAT: 'xml', LOG_CLIENT_ADDRESS: 'true' })).toEqual({
      format: 'object',
      clientAddress: false,
    })
    expect(logSettingsOrSafest({ LOG_FORMAT: 'json' })).toEqual({
      format: 'json',
      clientAddress: true,
    })
  })
})
