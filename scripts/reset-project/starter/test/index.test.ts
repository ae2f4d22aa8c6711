import { exports } from 'cloudflare:workers'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { captureLog } from './context/helpers/captured-log'

const getHello = (headers: Record<string, string> = {}) =>
  exports.default.fetch('http://example.com/', { headers })

let capture: ReturnType<typeof captureLog>
beforeEach(() => {
  capture = captureLog()
})
afterEach(() => capture.restore())

describe('GET /', () => {
  it('says hello to the address in cf-connecting-ip, read from the context', async () => {
    const response = await getHello({ 'cf-connecting-ip': '203.0.113.9' })
    expect(response.status).toBe(200)
    expect(await response.text()).toBe('Hello, client @ 203.0.113.9\n')
  })

  it.each<[string, Record<string, string>]>([
    ['missing', {}],
    ['not an address', { 'cf-connecting-ip': 'evil.example' }],
  ])('says hello to unknown when cf-connecting-ip is %s', async (_name, headers) => {
    expect(await (await getHello(headers)).text()).toBe('Hello, client @ unknown\n')
  })

  it('answers with x-request-id and logs a line with the same id, the client and the trace', async () => {
    const response = await getHello({
      'cf-connecting-ip': '203.0.113.9',
      'cf-ray': '0123456789abcdef-LHR',
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    })
    expect(response.headers.get('x-request-id')).toBe('0123456789abcdef-LHR')
    await response.text()
    expect(capture.lines).toEqual([
      {
        event: 'hello',
        client: '203.0.113.9',
        requestId: '0123456789abcdef-LHR',
        traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
        traceSampled: true,
      },
    ])
  })

  it('stamps a 404 with x-request-id too', async () => {
    const response = await exports.default.fetch('http://example.com/nope')
    expect(response.status).toBe(404)
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
    await response.text()
  })
})
