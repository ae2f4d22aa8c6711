/** The request id on a real port, under `wrangler dev`, whatever the routes are. */
import { describe, expect, it } from 'vitest'
import { workerUrl } from '../helpers/worker-under-test'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('x-request-id on a real port', () => {
  it.each(['/', '/no-such-path'])(
    'is on the response to GET %s, fresh for each request',
    async (path) => {
      const ids = await Promise.all(
        [1, 2].map(async () => {
          const response = await fetch(`${workerUrl()}${path}`)
          await response.arrayBuffer()
          return response.headers.get('x-request-id')
        })
      )
      expect(ids[0]).toMatch(UUID)
      expect(ids[1]).toMatch(UUID)
      expect(ids[0]).not.toBe(ids[1])
    }
  )

  it('is the cf-ray a request arrives with, when that is well formed', async () => {
    // Cloudflare sets cf-ray in production; under wrangler dev a client-sent one passes.
    const response = await fetch(`${workerUrl()}/`, {
      headers: { 'cf-ray': '9a8b7c6d5e4f3a2b-CDG' },
    })
    await response.arrayBuffer()
    expect(response.headers.get('x-request-id')).toBe('9a8b7c6d5e4f3a2b-CDG')
  })

  it('never takes a client-sent x-request-id', async () => {
    const response = await fetch(`${workerUrl()}/`, {
      headers: { 'x-request-id': '9a8b7c6d5e4f3a2b-CDG' },
    })
    await response.arrayBuffer()
    expect(response.headers.get('x-request-id')).toMatch(UUID)
  })
})
