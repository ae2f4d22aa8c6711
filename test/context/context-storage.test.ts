import { describe, expect, it } from 'vitest'
import {
  clientAddress,
  currentContext,
  requestId,
  runInContext,
  tryCurrentContext,
} from '../../src/context/context-storage'
import type { RequestContext } from '../../src/context/request-context'
import { TEST_REQUEST_ID, testContext } from './helpers/test-context'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const context = (client: string, id = TEST_REQUEST_ID): RequestContext =>
  testContext(client, { requestId: id })

describe('the context store', () => {
  it('gives clientAddress() and requestId(), which take no arguments, the current request', () => {
    const seen = runInContext(context('192.0.2.1'), () => [clientAddress(), requestId()])
    expect(seen).toEqual(['192.0.2.1', TEST_REQUEST_ID])
  })

  it('gives each nested context its own values, and restores the outer one after it', () => {
    const seen = runInContext(context('192.0.2.1'), () => [
      clientAddress(),
      runInContext(context('2001:db8::2'), clientAddress),
      clientAddress(),
    ])
    expect(seen).toEqual(['192.0.2.1', '2001:db8::2', '192.0.2.1'])
  })

  it('keeps the context across awaits and in timers set during the request', async () => {
    const seen = await runInContext(context('192.0.2.3'), async () => {
      await sleep(5)
      const afterAwait = currentContext()
      const inTimer = await new Promise<RequestContext>((resolve) =>
        setTimeout(() => resolve(currentContext()), 1)
      )
      return [afterAwait, inTimer]
    })
    expect(seen).toEqual([context('192.0.2.3'), context('192.0.2.3')])
  })

  it('keeps concurrent requests apart across their awaits', async () => {
    const request = (client: string, ms: number) =>
      runInContext(context(client), async () => {
        await sleep(ms)
        return clientAddress()
      })
    const seen = await Promise.all([request('192.0.2.4', 10), request('192.0.2.5', 1)])
    expect(seen).toEqual(['192.0.2.4', '192.0.2.5'])
  })

  it('throws outside a request, with a message that says where to call it', () => {
    expect(tryCurrentContext()).toBeUndefined()
    for (const read of [currentContext, clientAddress, requestId]) {
      expect(read).toThrow(
        'No request context: call inside a request, a bound listener or captureContext()’s function'
      )
    }
  })

  it('has no context once the request has returned', async () => {
    await runInContext(context('192.0.2.6'), () => sleep(1))
    expect(tryCurrentContext()).toBeUndefined()
  })
})
