/**
 * Plain Hono: who the request is from, its id and trace id, made exactly as the template's
 * context is, but kept in Hono's own variables and handed down as parameters.
 */
import type { MiddlewareHandler } from 'hono'
import { parseClientAddress } from '../../../src/context/client-address'
import { requestIdFromRay } from '../../../src/context/request-id'
import { chooseTrace } from '../../../src/context/trace-context'

/** What the template keeps in its context; here it travels as an argument. */
export interface RequestInfo {
  readonly client: string
  readonly requestId: string
  readonly traceId: string
  readonly traceSampled: boolean
}

declare module 'hono' {
  interface ContextVariableMap {
    requestInfo: RequestInfo
  }
}

export const requestInfo = (): MiddlewareHandler => {
  return async function requestInfo(c, next) {
    const info: RequestInfo = {
      client: parseClientAddress(c.req.header('cf-connecting-ip')),
      requestId: requestIdFromRay(c.req.header('cf-ray')) ?? crypto.randomUUID(),
      ...chooseTrace(
        c.req.header('traceparent') ?? null,
        (c.executionCtx as ExecutionContext).tracing
      ),
    }
    c.set('requestInfo', info)
    await next()
    c.header('x-request-id', info.requestId)
  }
}
