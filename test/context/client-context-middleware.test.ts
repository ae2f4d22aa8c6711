import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { clientAddress } from '../../src/context/client-context'
import { clientContext } from '../../src/context/client-context-middleware'

// An app of the test's own: the middleware as any route of a fork would meet it.
const app = new Hono()
app.use(clientContext())
app.get('/who', async (c) => {
  await new Promise((resolve) => setTimeout(resolve, 1))
  return c.json({ fromContext: clientAddress(), fromHono: c.get('clientAddress') })
})

const who = async (headers: Record<string, string>) =>
  (await app.request('/who', { headers })).json()

describe('clientContext() middleware', () => {
  it.each(['203.0.113.9', '2001:db8::1', '::ffff:192.0.2.128'])(
    'keeps cf-connecting-ip %s for the rest of the request',
    async (address) => {
      expect(await who({ 'cf-connecting-ip': address })).toEqual({
        fromContext: address,
        fromHono: address,
      })
    }
  )

  it.each([
    ['no cf-connecting-ip', {}],
    ['a host name', { 'cf-connecting-ip': 'evil.example' }],
    ['an address with a port', { 'cf-connecting-ip': '192.0.2.1:443' }],
    ['a list of addresses', { 'cf-connecting-ip': '192.0.2.1, 192.0.2.2' }],
    ['markup', { 'cf-connecting-ip': '<script>' }],
  ])('records unknown for %s', async (_name, headers) => {
    expect(await who(headers)).toEqual({ fromContext: 'unknown', fromHono: 'unknown' })
  })

  it('ignores a client-sent x-forwarded-for', async () => {
    expect(await who({ 'x-forwarded-for': '192.0.2.66' })).toEqual({
      fromContext: 'unknown',
      fromHono: 'unknown',
    })
  })
})
