import { describe, expect, it } from 'vitest'
import { openHttpSession } from './helpers/http-session'
import { openWebSocket } from './helpers/websocket-client'
import { WEBSOCKET_ENDPOINTS } from './helpers/websocket-endpoints'

const address = (i: number) => `10.${(i >> 8) & 255}.${i & 255}.1`
const jitter = () => new Promise((resolve) => setTimeout(resolve, Math.random() * 5))

describe('context isolation', () => {
  it('gives each of 200 parallel HTTP sessions its own goodbye', async () => {
    const transcripts = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const session = await openHttpSession({ 'cf-connecting-ip': address(i) })
        await jitter()
        await session.send(`from ${i}\n`)
        await session.readUntil('\n', 5000)
        await jitter()
        await session.send('\n')
        const goodbye = await session.readUntil('\n', 5000)
        // Ending the body ends the Worker's drain, so each session logs within this test.
        return `from ${i}\n${goodbye}${await session.end(5000)}`
      })
    )
    transcripts.forEach((transcript, i) => {
      expect(transcript).toBe(`from ${i}\nGood bye, client @ ${address(i)}\n`)
    })
  })

  it.each(WEBSOCKET_ENDPOINTS)(
    'gives each of 100 parallel $path sessions its own goodbye',
    async ({ path }) => {
      const sockets = await Promise.all(
        Array.from({ length: 100 }, (_, i) => openWebSocket(address(i), path))
      )
      await Promise.all(
        sockets.map(async (ws, i) => {
          await jitter()
          ws.socket.send(`from ${i}\n`)
          await jitter()
          ws.socket.send('\n')
        })
      )
      const transcripts = await Promise.all(sockets.map((ws) => ws.waitForMessages(2, 5000)))
      transcripts.forEach((messages, i) => {
        expect(messages).toEqual([`from ${i}\n`, `Good bye, client @ ${address(i)}\n`])
      })
    }
  )
})
