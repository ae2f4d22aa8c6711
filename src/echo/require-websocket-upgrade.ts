/** What the WebSocket routes answer to requests that are not a WebSocket upgrade. */
import type { MiddlewareHandler } from 'hono'
import { plainText } from '../context/plain-text'
import { renderUpgradeRequired } from './usage'

// The Upgrade token is case-insensitive (RFC 9110); Hono's upgradeWebSocket compares it exactly.
const isWebSocketUpgrade = (upgrade: string | undefined): boolean =>
  upgrade?.toLowerCase() === 'websocket'

/** Answers 426 with instructions unless the request asks for a WebSocket. */
export const requireWebSocketUpgrade = (): MiddlewareHandler => {
  return async function requireWebSocketUpgrade(c, next) {
    if (!isWebSocketUpgrade(c.req.header('upgrade'))) {
      return plainText(c, renderUpgradeRequired(c.req.url), 426, { upgrade: 'websocket' })
    }
    await next()
  }
}
