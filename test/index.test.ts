import { exports } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'

describe('routes', () => {
  it('answers unknown paths with a plain-text 404 that points to the usage', async () => {
    const response = await exports.default.fetch('http://example.com/nope')
    expect(response.status).toBe(404)
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/)
    expect(await response.text()).toBe('Not found: /nope. See GET / for usage.\n')
  })
})
