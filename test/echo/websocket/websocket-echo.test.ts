/** GET /ws alone: the listener's timer, which re-enters the context of the socket's request. */
import { createExecutionContext, env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import worker from '../../../src/index'

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
    const socket = response.webSocket as WebSocket
    socket.accept()
    const messages: unknown[] = []
    socket.addEventListener('message', (event) => {
      messages.push(event.data)
    })
    const closed = new Promise<number>((resolve) =>
      socket.addEventListener('close', (event) => resolve(event.code))
    )
    socket.send('a\n')
    await new Promise((resolve) => setTimeout(resolve, 500))
    socket.send('b\n')
    expect(await closed).toBe(1000)
    expect(messages).toEqual(['a\n', 'b\n', goodbye('203.0.113.7')])
  })
})
