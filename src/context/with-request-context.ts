/**
 * Opens the request context around a whole fetch handler (`app.fetch`): every middleware,
 * route, `notFound` and `onError` runs inside it, and so does work the handler leaves
 * running after it returns. Around `app.fetch` rather than as a Hono middleware, as a
 * middleware adds a step of Hono's compose chain to every request, and memory to every
 * idle WebSocket.
 */
import { runInContext } from './context-storage'
import { contextFromRequest } from './request-context'

export type FetchHandler<E> = (
  request: Request,
  env: E,
  ctx: ExecutionContext
) => Response | Promise<Response>

/**
 * Runs each request inside its context, so that code anywhere below can call
 * `clientAddress()` or `requestId()` with no arguments, and stamps the response, whatever
 * its status, with `x-request-id`. The trace id comes from `ctx.tracing` when Cloudflare
 * traces the request, else from the request's `traceparent`.
 * @example
 * export default { fetch: withRequestContext(app.fetch) } satisfies ExportedHandler<Env>
 */
export function withRequestContext<E>(fetch: FetchHandler<E>): FetchHandler<E> {
  return async function fetchInContext(request, env, ctx) {
    const context = contextFromRequest(request, ctx.tracing)
    const response = await runInContext(context, fetch, request, env, ctx)
    return withRequestId(response, context.requestId)
  }
}

/** `response` with `x-request-id: id`; a copy only if its headers cannot change (a fetch()'s). */
function withRequestId(response: Response, id: string): Response {
  if (response.headers.get('x-request-id') === id) return response
  try {
    response.headers.set('x-request-id', id)
    return response
  } catch {
    const copy = new Response(response.body, response)
    copy.headers.set('x-request-id', id)
    return copy
  }
}
