/** For Hono handlers that prefer `c.get('requestContext')` to `currentContext()`. */
import type { MiddlewareHandler } from 'hono'
import { currentContext } from '../context-storage'
import type { RequestContext } from '../request-context'

declare module 'hono' {
  interface ContextVariableMap {
    /** The context the request started with; `currentContext()` also sees nested ones. */
    requestContext: RequestContext
  }
}

/**
 * Sets `c.var.requestContext` to the context `withRequestContext()` opened. Routes that
 * call `currentContext()` go without it: each middleware costs time on every request.
 * @example
 * app.use(requestContextVariable())
 */
export const requestContextVariable = (): MiddlewareHandler => {
  return function requestContextVariable(c, next) {
    c.set('requestContext', currentContext())
    return next()
  }
}
