/** GET /: the page for browsers, plain text (the usage) for curl and every other client. */
import type { Handler, MiddlewareHandler } from 'hono'
import { plainText } from '../context/plain-text'
import { prefersHtml } from './prefers-html'
import { renderPage } from './render-page'

/** Answers with `render(url)` as plain text unless the client asks for HTML, as browsers do. */
export const textUnlessBrowser = (render: (url: string) => string): MiddlewareHandler => {
  return async function textUnlessBrowser(c, next) {
    c.header('vary', 'Accept')
    if (prefersHtml(c)) return next()
    return plainText(c, render(c.req.url))
  }
}

/** The page itself; runs after pageSecurityHeaders(), which chooses the nonce. */
export const browserPage = (): Handler => {
  return function browserPage(c) {
    const nonce = c.get('secureHeadersNonce')
    if (nonce === undefined) throw new Error('browserPage() must run after pageSecurityHeaders()')
    // Per response: a fresh nonce, and the address of this client.
    c.header('cache-control', 'no-store')
    return c.html(renderPage(nonce))
  }
}
