/** GET /ws alone: the listener's timer, which re-enters the context of the socket's request. */
import { createExecutionContext, env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import worker from '../../../src/index'
import { acceptWebSocket } from '../helpers/websocket-client'

const goodbye = (ip: string) => `Good bye, client @ ${ip}\n`

describe('GET /ws', () => {
  it('says goodbye from a timer set in a listener: an idle session ends itself', async () => {
    const request = new Request('http://example.com/ws', {
      headers: { upgrade: 'websocket', 'cf-connecting-ip': '203.0.113.7' },
    })
    const response = await worker.fetch(
      request,
      { ...env, IDLE_TIMEOUT_SECONDS: '1' },
      createExecutionContext()
    )
    const client = acceptWebSocket(response)
    client.socket.send('a\n')
    // The session is still open after an echo; only then does it go quiet.
    await client.waitForMessages(1)
    client.socket.send('b\n')
    expect(await client.closed(10_000)).toMatchObject({ code: 1000 })
    expect(client.messages).toEqual(['a\n', 'b\n', goodbye('203.0.113.7')])
  })
})
