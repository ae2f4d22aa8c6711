/** GET /ws alone: the listener's timer, which re-enters the context of the socket's request. */
import { createExecutionContext, env } from 'cloudflare:test'
import { afterEach, describe, expect, it, vi } from 'vitest'
import worker from '../../../src/index'
import { acceptWebSocket } from '../helpers/websocket-client'

const goodbye = (ip: string) => `Good bye, client @ ${ip}\n`

afterEach(() => {
  vi.useRealTimers()
})

async function openWs(ip: string) {
  const request = new Request('http://example.com/ws', {
    headers: { upgrade: 'websocket', 'cf-connecting-ip': ip },
  })
  const env1s = { ...env, IDLE_TIMEOUT_SECONDS: '1' }
  return acceptWebSocket(await worker.fetch(request, env1s, createExecutionContext()))
}

describe('GET /ws', () => {
  it('says goodbye from a timer set in a listener: an idle session ends itself', async () => {
    const client = await openWs('203.0.113.7')
    client.socket.send('a\n')
    // The session is still open after an echo; only then does it go quiet.
    await client.waitForMessages(1)
    client.socket.send('b\n')
    expect(await client.closed(10_000)).toMatchObject({ code: 1000 })
    expect(client.messages).toEqual(['a\n', 'b\n', goodbye('203.0.113.7')])
  })

  it('counts the idle limit from the last message: its one timer re-arms for the time left', async () => {
    vi.useFakeTimers()
    const client = await openWs('203.0.113.8')
    vi.advanceTimersByTime(700)
    client.socket.send('a\n')
    await client.waitForMessages(1)
    // The timer fires 1 s after the upgrade, finds "a" 0.3 s old and re-arms for 0.7 s.
    vi.advanceTimersByTime(999)
    client.socket.send('b\n')
    await client.waitForMessages(2)
    vi.advanceTimersByTime(1000)
    expect(await client.closed(10_000)).toEqual({ code: 1000, reason: 'idle timeout' })
    expect(client.messages).toEqual(['a\n', 'b\n', goodbye('203.0.113.8')])
  })
})
