/**
 * The context's crossing from the Worker to a Durable Object. Nothing crosses by itself:
 * the object runs its fetch() in an async context of its own. The Worker sends the
 * whole context in one header and the object checks it again, field by field.
 */
import { currentContext } from '../context-storage'
import { checkedContext, InvalidContextError, type RequestContext } from '../request-context'

/** The header that carries the context; the Worker never forwards the client's own headers. */
export const CONTEXT_HEADER = 'x-request-context'

/**
 * Headers that carry the current context. A header value may hold only Latin-1 (the Fetch
 * standard refuses the rest; workerd takes it as UTF-8, with a warning), so the JSON is
 * percent-encoded: any field a fork adds crosses intact, whatever it holds.
 */
export function contextHeaders(headers: Record<string, string> = {}): Record<string, string> {
  return { ...headers, [CONTEXT_HEADER]: encodeURIComponent(JSON.stringify(currentContext())) }
}

/** In the object: the context the Worker sent with `request`, checked; throws if missing or bad. */
export function contextFromWorker(request: Request): RequestContext {
  const header = request.headers.get(CONTEXT_HEADER)
  if (header === null) throw new InvalidContextError(`no ${CONTEXT_HEADER} header`)
  let value: unknown
  try {
    value = JSON.parse(decodeURIComponent(header))
  } catch {
    throw new InvalidContextError(`${CONTEXT_HEADER} is not percent-encoded JSON`)
  }
  return checkedContext(value)
}
