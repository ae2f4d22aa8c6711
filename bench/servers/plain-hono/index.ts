/**
 * The bench's plain-Hono Worker: the template with the context taken out, and nothing
 * else. Same routes, router, middleware order and per-request work (address and request
 * id validation, x-request-id, log lines, GET / negotiation, 405 and 426), with the
 * address and request id handed down as parameters (Hono's c.get(), then arguments)
 * instead of read from AsyncLocalStorage. The template's context-free modules are
 * imported as they are; bundled by wrangler with the template's settings.
 */
import { Hono } from 'hono/tiny'
import { plainText } from '../../../src/context/plain-text'
import { renderUsage } from '../../../src/echo/usage'
import { requireWebSocketUpgrade } from '../../../src/echo/websocket/require-websocket-upgrade'
import { methodNotAllowed } from '../../../src/http-answers/method-not-allowed'
import { textUnlessBrowser } from '../../../src/page/home'
import { pageSecurityHeaders } from '../../../src/page/page-security-headers'
import { hibernatingEcho } from './hibernating-echo'
import { httpEcho } from './http-echo'
import { browserPage } from './page'
import { logError } from './plain-log'
import { requestInfo } from './request-info'
import { websocketEcho } from './websocket-echo'

const app = new Hono<{ Bindings: Env }>()

app.use(requestInfo())

app.get('/', textUnlessBrowser(renderUsage), pageSecurityHeaders(), browserPage())
app.on(['POST', 'PUT'], '/echo', httpEcho())
app.all('/echo', methodNotAllowed('POST, PUT'))
app.get('/ws', requireWebSocketUpgrade(), websocketEcho())
app.all('/ws', methodNotAllowed('GET'))
app.get('/ws/hibernating', requireWebSocketUpgrade(), hibernatingEcho())
app.all('/ws/hibernating', methodNotAllowed('GET'))

app.notFound((c) =>
  plainText(c, `Not found: ${new URL(c.req.url).pathname}. See GET / for usage.\n`, 404)
)
app.onError((error, c) => {
  const info = c.get('requestInfo')
  logError('error', info, error)
  return plainText(c, `Internal error. Quote request id ${info.requestId} to find out why.\n`, 500)
})

export { HibernatingEcho } from './hibernating-echo'
export default { fetch: app.fetch } satisfies ExportedHandler<Env>
