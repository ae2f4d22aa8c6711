import { describe, expect, it } from 'vitest'
import {
  clientAddress,
  runWithClientContext,
  tryClientAddress,
} from '../../src/context/client-context'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('the client context', () => {
  it('gives clientAddress(), which takes no arguments, the address of the current session', () => {
    expect(runWithClientContext({ clientAddress: '192.0.2.1' }, clientAddress)).toBe('192.0.2.1')
  })

  it('gives each nested context its own address, and restores the outer one after it', () => {
    const seen = runWithClientContext({ clientAddress: '192.0.2.1' }, () => [
      clientAddress(),
      runWithClientContext({ clientAddress: '2001:db8::2' }, clientAddress),
      clientAddress(),
    ])
    expect(seen).toEqual(['192.0.2.1', '2001:db8::2', '192.0.2.1'])
  })

  it('keeps the address across awaits and in timers set during the session', async () => {
    const seen = await runWithClientContext({ clientAddress: '192.0.2.3' }, async () => {
      await sleep(5)
      const afterAwait = clientAddress()
      const inTimer = await new Promise<string>((resolve) =>
        setTimeout(() => resolve(clientAddress()), 1)
      )
      return [afterAwait, inTimer]
    })
    expect(seen).toEqual(['192.0.2.3', '192.0.2.3'])
  })

  it('keeps concurrent sessions apart across their awaits', async () => {
    const session = (address: string, ms: number) =>
      runWithClientContext({ clientAddress: address }, async () => {
        await sleep(ms)
        return clientAddress()
      })
    const seen = await Promise.all([session('192.0.2.4', 10), session('192.0.2.5', 1)])
    expect(seen).toEqual(['192.0.2.4', '192.0.2.5'])
  })

  it('throws outside a session, with a message that says where to call it', () => {
    expect(tryClientAddress()).toBeUndefined()
    expect(() => clientAddress()).toThrow(
      'No client context: call inside a request or a bound listener'
    )
  })

  it('has no context once the session has returned', async () => {
    await runWithClientContext({ clientAddress: '192.0.2.6' }, () => sleep(1))
    expect(tryClientAddress()).toBeUndefined()
  })
})
