import { exports } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'

const getHello = (headers: Record<string, string> = {}) =>
  exports.default.fetch('http://example.com/', { headers })

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
})
