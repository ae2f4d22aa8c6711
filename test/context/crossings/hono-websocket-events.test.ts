import { createExecutionContext } from 'cloudflare:test'
import { Hono } from 'hono'
import { upgradeWebSocket } from 'hono/cloudflare-workers'
import { contextStorage, getContext } from 'hono/context-storage'
import type { WSEvents } from 'hono/ws'
import { afterEach, describe, expect, it } from 'vitest'
import { log } from '../../../src/context/context-log'
import { tryCurrentContext } from '../../../src/context/context-storage'
import { withUpgradeContext } from '../../../src/context/crossings/hono-websocket-events'
import { withRequestContext } from '../../../src/context/with-request-context'
import { captureLog } from '../helpers/captured-log'

let capture: ReturnType<typeof captureLog> | undefined
afterEach(() => capture?.restore())

/** What a handler sees: our context's client, and the path from Hono's getContext(). */
function seen(): { client: string | null; honoPath: string | null } {
  let honoPath: string | null = null
  try {
    honoPath = getContext().req.path
  } catch {}
  return { client: tryCurrentContext()?.client ?? null, honoPath }
}

// A route as Hono's docs write one, with Hono's own contextStorage() as well.
const reporting = (): WSEvents => ({
  onMessage: (_event, ws) => ws.send(JSON.stringify(seen())),
  onClose: () => log('hono-socket-closed', seen()),
})
const app = new Hono()
app.use(contextStorage())
app.get('/in-context', upgradeWebSocket(withUpgradeContext(reporting)))
app.get('/plain', upgradeWebSocket(reporting))
const fetch = withRequestContext(app.fetch)

/** Opens a WebSocket to `path` as `client`, sends one message and returns the answer. */
async function oneExchange(path: string, client: string) {
  const response = await fetch(
    new Request(`http://example.com${path}`, {
      headers: { upgrade: 'websocket', 'cf-connecting-ip': client },
    }),
    {},
    createExecutionContext()
  )
  const ws = response.webSocket
  if (!ws) throw new Error(`no WebSocket from ${path}: ${response.status}`)
  ws.accept()
  const answer = new Promise<unknown>((resolve) =>
    ws.addEventListener('message', (event) => resolve(JSON.parse(event.data as string)))
  )
  ws.send('hello')
  return { answer: await answer, ws }
}

describe("Hono's upgradeWebSocket() handlers", () => {
  it('run with no context at all when given as Hono documents them', async () => {
    const { answer, ws } = await oneExchange('/plain', '192.0.2.30')
    expect(answer).toEqual({ client: null, honoPath: null })
    ws.close(1000)
  })

  it('run in the upgrade request’s whole context with withUpgradeContext(): ours and Hono’s', async () => {
    const { answer } = await oneExchange('/in-context', '192.0.2.31')
    expect(answer).toEqual({ client: '192.0.2.31', honoPath: '/in-context' })
  })

  it('log their close in that context too', async () => {
    capture = captureLog()
    const { ws } = await oneExchange('/in-context', '192.0.2.32')
    ws.close(1000, 'done')
    expect(await capture.waitFor('hono-socket-closed', 1)).toMatchObject([
      { client: '192.0.2.32', honoPath: '/in-context' },
    ])
  })

  it('keep each socket its own context when two interleave', async () => {
    const [first, second] = await Promise.all([
      oneExchange('/in-context', '192.0.2.33'),
      oneExchange('/in-context', '192.0.2.34'),
    ])
    expect([first.answer, second.answer]).toMatchObject([
      { client: '192.0.2.33' },
      { client: '192.0.2.34' },
    ])
  })
})
