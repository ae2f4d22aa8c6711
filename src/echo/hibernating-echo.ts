/** GET /ws/hibernating: hands the WebSocket to a Durable Object, with the client's address. */
import type { Handler } from 'hono'
import { clientAddress } from '../context/client-context'
import { CLIENT_ADDRESS_HEADER } from './hibernating-echo-object'

/**
 * One object per client address. An object runs one event at a time, so clients must
 * not share one: by address they spread over as many objects as there are clients, each
 * object starts near its client, and a busy client slows only its own sessions. Clients
 * behind one address (a NAT, or `unknown` where nothing sets cf-connecting-ip) do share
 * an object; add a shard number to the name if that matters.
 */
export const hibernatingEcho = (): Handler<{ Bindings: Env }> => {
  return function hibernatingEcho(c) {
    const address = clientAddress()
    // A new request rather than the client's: the object sees only what the Worker vouches for.
    return c.env.HIBERNATING_ECHO.getByName(address).fetch(c.req.url, {
      headers: { upgrade: 'websocket', [CLIENT_ADDRESS_HEADER]: address },
    })
  }
}
