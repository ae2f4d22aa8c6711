/**
 * Outgoing requests that carry the context's ids, so that the other side's logs line up
 * with these: `x-request-id`, and a W3C `traceparent` in the same trace with a new
 * parent-id. Only ids cross: the other side may not be yours, and the client's address
 * is personal data.
 */
import { tracing } from 'cloudflare:workers'
import { currentContext } from '../context-storage'
import { type SpanSource, traceparentFor } from '../trace-context'

type Fetch = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>

/**
 * `fetch()`, or a service binding's, sending the current context's ids with each request
 * (replacing any the request had). A Worker with this context on the other side takes the
 * trace id from `traceparent`; it makes its own request id. `spans` is where the active
 * span comes from: `tracing` of `cloudflare:workers`, or a fake of it in tests.
 * @example
 * const backend = contextFetch(env.BACKEND) // a service binding; contextFetch() for fetch()
 * const response = await backend('https://backend/orders')
 */
export function contextFetch(
  target: { fetch: Fetch } = globalThis,
  spans: SpanSource = tracing
): Fetch {
  return function fetchWithContext(input, init) {
    const request = new Request(input, init)
    const context = currentContext()
    request.headers.set('x-request-id', context.requestId)
    request.headers.set('traceparent', traceparentFor(context, spans))
    return target.fetch(request)
  }
}
