import { describe, expect, it } from 'vitest'
import { workerUrl } from './helpers/worker-under-test'

describe('worker on a real port', () => {
  it('serves usage at / for curl', async () => {
    const url = workerUrl()
    const text = await (await fetch(`${url}/`)).text()
    expect(text).toContain(`curl -sN -T . ${url}/echo`)
  })
})
