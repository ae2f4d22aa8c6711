/**
 * {{name}}: routes only. The per-request context lives in ./context.
 *
 * - `npm start` serves it on http://localhost:8787
 * - `npm run cf-typegen` regenerates worker-configuration.d.ts after editing wrangler.toml
 */
import { Hono } from 'hono'
import { log } from './context/context-log'
import { clientAddress } from './context/context-storage'
import { internalError } from './context/internal-error'
import { withRequestContext } from './context/with-request-context'
import { withValidSettings } from './context/with-valid-settings'

const app = new Hono<{ Bindings: Env }>()

/** Takes no arguments: the address comes from the context, however deep you call it. */
const renderHello = (): string => `Hello, client @ ${clientAddress()}\n`

app.get('/', (c) => {
  log('hello') // stamped with the client and the request id
  return c.text(renderHello())
})

app.onError(internalError())

// Every request runs inside its context, and its response carries x-request-id; while a
// [vars] value is invalid, each gets a 500 that names it. Pass your own settings' parsers
// after app.fetch to check them too.
export default {
  fetch: withRequestContext(withValidSettings<Env>(app.fetch)),
} satisfies ExportedHandler<Env>
