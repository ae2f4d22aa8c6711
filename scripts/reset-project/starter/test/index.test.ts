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
  it.each([
    ['203.0.113.9', { 'cf-connecting-ip': '203.0.113.9' }],
    ['unknown', {}],
    ['unknown', { 'cf-connecting-ip': 'evil.example' }],
  ])('says hello to %s, read from the context', async (client, headers) => {
    expect(await (await getHello(headers)).text()).toBe(`Hello, client @ ${client}\n`)
  })

  it('answers with x-request-id and logs a line with the same id and the client', async () => {
    const response = await getHello({
      'cf-connecting-ip': '203.0.113.9',
      'cf-ray': '0123456789abcdef-LHR',
    })
    expect(response.headers.get('x-request-id')).toBe('0123456789abcdef-LHR')
    await response.text()
    expect(capture.lines).toMatchObject([
      { event: 'hello', client: '203.0.113.9', requestId: '0123456789abcdef-LHR' },
    ])
  })
})
