/** GET /ws/hibernating: hands the WebSocket to a Durable Object, with the request's context. */
import type { Handler } from 'hono'
import { clientAddress } from '../../../context/context-storage'
import { contextHeaders } from '../../../context/crossings/durable-object-context'

/**
 * One object per client address. An object runs one event at a time, so clients must
 * not share one: by address they spread over as many objects as there are clients, each
 * object starts near its client, and a busy client slows only its own sessions. Clients
 * behind one address (a NAT, or `unknown` where nothing sets cf-connecting-ip) do share
 * an object; add a shard number to the name if that matters.
 */
export const toHibernatingEcho = (): Handler<{ Bindings: Env }> => {
  return function toHibernatingEcho(c) {
    // A new request rather than the client's: the object sees only what the Worker vouches
    // for, the context included, which does not cross to the object by itself.
    return c.env.HIBERNATING_ECHO.getByName(clientAddress()).fetch(c.req.url, {
      headers: contextHeaders({ upgrade: 'websocket' }),
    })
  }
}
