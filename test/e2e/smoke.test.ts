import { describe, expect, inject, it } from 'vitest'

describe('worker on a real port', () => {
  it('serves usage at / for curl', async () => {
    const url = inject('workerUrl')
    const text = await (await fetch(`${url}/`)).text()
    expect(text).toContain(`curl -sN -T . ${url}/echo`)
  })
})
