/** Security headers for the browser page: a CSP that allows its own script and its WebSocket only. */
import type { Context } from 'hono'
import { NONCE, secureHeaders } from 'hono/secure-headers'

// Named exactly rather than left to connect-src 'self': CSP Level 3 lets 'self' match
// same-host ws: and wss: URLs (Chromium does), browsers from before that rule do not.
const ownWebSocketUrl = (c: Context): string =>
  `${new URL(c.req.url).origin.replace(/^http/, 'ws')}/ws`

/**
 * Hono's secureHeaders() with a strict Content-Security-Policy: nothing loads except
 * the page's inline script and style (by a fresh nonce per response, read back as
 * `c.get('secureHeadersNonce')`) and the WebSocket to this origin's `/ws`.
 */
export const pageSecurityHeaders = () =>
  secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      scriptSrc: [NONCE],
      styleSrc: [NONCE],
      connectSrc: [ownWebSocketUrl],
      baseUri: ["'none'"],
      formAction: ["'none'"],
      frameAncestors: ["'none'"],
    },
  })
