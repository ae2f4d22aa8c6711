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
import { requestContext } from './context/request-context-middleware'

const app = new Hono<{ Bindings: Env }>()

// Every request runs inside its context from here on, and its response carries x-request-id.
app.use(requestContext())

/** Takes no arguments: the address comes from the context, however deep you call it. */
const renderHello = (): string => `Hello, client @ ${clientAddress()}\n`

app.get('/', (c) => {
  log('hello') // stamped with the client and the request id
  return c.text(renderHello())
})

app.onError(internalError())

export default { fetch: app.fetch } satisfies ExportedHandler<Env>
