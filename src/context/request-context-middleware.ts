/** Hono middleware that opens the request context for the rest of the request. */
import type { MiddlewareHandler } from 'hono'
import { runWithContext } from './context-storage'
import { contextFromRequest, type RequestContext } from './request-context'

declare module 'hono' {
  interface ContextVariableMap {
    /** The context the request started with; `currentContext()` also sees nested ones. */
    requestContext: RequestContext
  }
}

/**
 * Reads and validates the request's context (client address, request id), runs the rest
 * of the request inside it, so that code below can call `clientAddress()` or
 * `requestId()` with no arguments, and stamps the response, whatever its status, with
 * `x-request-id`. Hono runs `onError` and `notFound` inside `next()`: they see it too.
 * @example
 * app.use(requestContext())
 */
export const requestContext = (): MiddlewareHandler => {
  return async function requestContext(c, next) {
    const context = contextFromRequest(c.req.raw)
    c.set('requestContext', context)
    await runWithContext(context, next)
    c.header('x-request-id', context.requestId)
  }
}
