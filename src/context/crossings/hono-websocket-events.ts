/**
 * Hono's `upgradeWebSocket()` adds its handlers as plain listeners on the server socket,
 * and workerd runs each socket event with an empty async context: without this, a handler
 * that calls `clientAddress()` throws.
 */
import type { Context, Env } from 'hono'
import type { WSEvents } from 'hono/ws'
import { withCurrentContext } from '../context-storage'

type CreateEvents<E extends Env, T> = (c: Context<E>) => WSEvents<T> | Promise<WSEvents<T>>

/**
 * Wraps the function given to `upgradeWebSocket()` so that each handler it returns runs in
 * the context of the upgrade request (the whole async context: see withCurrentContext()).
 * @example
 * import { upgradeWebSocket } from 'hono/cloudflare-workers'
 *
 * app.get('/chat', upgradeWebSocket(withUpgradeContext(() => ({
 *   onMessage: (event, ws) => ws.send(`${clientAddress()} said ${event.data}`),
 * }))))
 */
export function withUpgradeContext<E extends Env, T = unknown>(
  createEvents: CreateEvents<E, T>
): (c: Context<E>) => Promise<WSEvents<T>> {
  return async function createEventsInContext(c) {
    const events = await createEvents(c)
    const bound: WSEvents<T> = {}
    if (events.onOpen) bound.onOpen = withCurrentContext(events.onOpen)
    if (events.onMessage) bound.onMessage = withCurrentContext(events.onMessage)
    if (events.onClose) bound.onClose = withCurrentContext(events.onClose)
    if (events.onError) bound.onError = withCurrentContext(events.onError)
    return bound
  }
}
