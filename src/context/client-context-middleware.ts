/** Hono middleware that opens the client context for the rest of the request. */
import type { MiddlewareHandler } from 'hono'
import { parseClientAddress } from './client-address'
import { runWithClientContext } from './client-context'

export interface ClientContextVariables {
  clientAddress: string
}

declare module 'hono' {
  interface ContextVariableMap extends ClientContextVariables {}
}

/**
 * Reads `cf-connecting-ip`, validates it, and runs the rest of the request inside the
 * client context, so that any code below can call `clientAddress()` with no arguments.
 * @example
 * app.use(clientContext())
 */
export const clientContext = (): MiddlewareHandler => {
  return async function clientContext(c, next) {
    const clientAddress = parseClientAddress(c.req.header('cf-connecting-ip'))
    c.set('clientAddress', clientAddress)
    await runWithClientContext({ clientAddress }, next)
  }
}
