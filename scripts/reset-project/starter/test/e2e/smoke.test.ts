import { describe, expect, inject, it } from 'vitest'

describe('the Worker on a real port, under wrangler dev', () => {
  it('says hello to the address in cf-connecting-ip', async () => {
    const response = await fetch(`${inject('workerUrl')}/`, {
      headers: { 'cf-connecting-ip': '198.51.100.1' },
    })
    expect(await response.text()).toBe('Hello, client @ 198.51.100.1\n')
  })
})
