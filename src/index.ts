/**
 * workers-context-echo: routes only. The context lives in ./context, the echo in ./echo.
 *
 * - `npm start` serves it on http://localhost:8787
 * - `npm run cf-typegen` regenerates worker-configuration.d.ts after editing wrangler.toml
 */
// hono/tiny is Hono with only its PatternRouter: a smaller bundle than with the default
// SmartRouter, and a handful of routes match no slower (lab/benchmark.md, "What each
// change bought").
import { Hono } from 'hono/tiny'
import { internalError } from './context/internal-error'
import { plainText } from './context/plain-text'
import { withRequestContext } from './context/with-request-context'
import { withValidSettings } from './context/with-valid-settings'
import { echoConfig } from './echo/config'
import { toHibernatingEcho } from './echo/hibernating-echo'
import { httpEcho } from './echo/http'
import { requireWebSocketUpgrade } from './echo/require-websocket-upgrade'
import { renderUsage } from './echo/usage'
import { acceptedSocketEcho } from './echo/websocket'
import { methodNotAllowed } from './http-answers/method-not-allowed'
import { browserPage, textUnlessBrowser } from './page/home'
import { pageSecurityHeaders } from './page/page-security-headers'

const app = new Hono<{ Bindings: Env }>()

app.get('/', textUnlessBrowser(renderUsage), pageSecurityHeaders(), browserPage())
app.all('/', methodNotAllowed('GET'))
app.on(['POST', 'PUT'], '/echo', httpEcho())
app.all('/echo', methodNotAllowed('POST, PUT'))
app.get('/ws', requireWebSocketUpgrade(), acceptedSocketEcho())
app.all('/ws', methodNotAllowed('GET'))
app.get('/ws/hibernating', requireWebSocketUpgrade(), toHibernatingEcho())
app.all('/ws/hibernating', methodNotAllowed('GET'))

app.notFound((c) =>
  plainText(c, `Not found: ${new URL(c.req.url).pathname}. See GET / for usage.\n`, 404)
)
app.onError(internalError())

// wrangler finds Durable Object classes among the main module's exports.
export { HibernatingEcho } from './echo/hibernating-echo'
// Every request runs inside its context, and its response carries x-request-id; while a
// [vars] value is invalid, each gets a 500 that names it.
export default {
  fetch: withRequestContext(withValidSettings<Env>(app.fetch, echoConfig)),
} satisfies ExportedHandler<Env>
