/**
 * {{name}}: routes only. The per-request context lives in ./context.
 *
 * - `npm start` serves it on http://localhost:8787
 * - `npm run cf-typegen` regenerates worker-configuration.d.ts after editing wrangler.toml
 */
import { Hono } from 'hono'
import { clientAddress } from './context/client-context'
import { clientContext } from './context/client-context-middleware'

const app = new Hono<{ Bindings: Env }>()

// Every request runs inside the client context from here on.
app.use(clientContext())

/** Takes no arguments: the address comes from the context, as deep as you call it. */
const renderHello = (): string => `Hello, client @ ${clientAddress()}\n`

app.get('/', (c) => c.text(renderHello()))

export default { fetch: app.fetch } satisfies ExportedHandler<Env>
