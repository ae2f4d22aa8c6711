/**
 * What the context carries: the one place to add a field. Give it a type here, fill it
 * in contextFromRequest() (a run with no request gets what an empty request gives), and
 * check it in checkedContext() for when it crosses a boundary. The log, every crossing and
 * the socket attachment carry it from there (README.md, "Adding a field").
 */
import { tracing } from 'cloudflare:workers'
import { NO_CLIENT, parseClientAddress, UNKNOWN_CLIENT } from './client-address'
import { isRequestId, requestIdFromRay } from './request-id'
import { chooseTrace, inRuntimeTrace, isTraceId, type SpanSource } from './trace-context'

export interface RequestContext {
  /** The caller's address from `cf-connecting-ip`, `unknown`, or `none` for a run with no request. */
  readonly client: string
  /** `cf-ray` when Cloudflare set a well-formed one, otherwise a fresh random id. */
  readonly requestId: string
  /** A valid incoming `traceparent`'s trace id, else the runtime's when it traces, else fresh. */
  readonly traceId: string
  /** W3C's sampled flag of the trace `traceId` names: the caller's, the runtime's, or `true`. */
  readonly traceSampled: boolean
  /** The runtime's own trace id, only where it traces under another id than `traceId`. */
  readonly cloudflareTraceId?: string
}

/** The context of a request as it reaches the Worker. A client-sent `x-request-id` is ignored. */
export function contextFromRequest(request: Request, tracing?: SpanSource): RequestContext {
  const headers = request.headers
  return {
    client: parseClientAddress(headers.get('cf-connecting-ip')),
    requestId: requestIdFromRay(headers.get('cf-ray')) ?? crypto.randomUUID(),
    ...chooseTrace(headers.get('traceparent'), tracing),
  }
}

/**
 * The context of a run with no request (a cron trigger, a queue message that lost its
 * own): what a request without headers gives, fresh ids included, and no client.
 */
export function contextWithoutRequest(tracing?: SpanSource): RequestContext {
  return { ...contextFromRequest(new Request('http://localhost/'), tracing), client: NO_CLIENT }
}

/** A context field that failed its check when it crossed a boundary. */
export class InvalidContextError extends Error {
  override name = 'InvalidContextError'
}

const isClient = (value: unknown): value is string =>
  typeof value === 'string' &&
  (value === UNKNOWN_CLIENT || value === NO_CLIENT || parseClientAddress(value) === value)

const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean'

function checked<T>(field: string, value: unknown, isValid: (value: unknown) => value is T): T {
  if (isValid(value)) return value
  throw new InvalidContextError(`context field ${field} is not valid: ${JSON.stringify(value)}`)
}

/**
 * Checks, field by field, a context that arrived from elsewhere (a Durable Object's
 * request or RPC call, a queue message) and keeps only the fields it knows. Its
 * `cloudflareTraceId` is this invocation's, as `spans` (the runtime's) reports it now.
 */
export function checkedContext(value: unknown, spans: SpanSource = tracing): RequestContext {
  const fields = (typeof value === 'object' && value !== null ? value : {}) as Record<
    string,
    unknown
  >
  // A carried Cloudflare trace id must be well formed, but it names the sender's
  // invocation: the one this invocation runs under takes its place.
  if (fields.cloudflareTraceId !== undefined) {
    checked('cloudflareTraceId', fields.cloudflareTraceId, isTraceId)
  }
  const context: RequestContext = {
    client: checked('client', fields.client, isClient),
    requestId: checked('requestId', fields.requestId, isRequestId),
    traceId: checked('traceId', fields.traceId, isTraceId),
    traceSampled: checked('traceSampled', fields.traceSampled, isBoolean),
  }
  return inRuntimeTrace(context, spans)
}
