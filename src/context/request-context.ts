/**
 * What the context carries: the one place to add a field. Give it a type here, fill it
 * in contextFromRequest(), and check it in checkedContext() for when it crosses to a
 * Durable Object. The log, the crossing and the socket attachment carry it from there.
 */
import { parseClientAddress, UNKNOWN_CLIENT } from './client-address'
import { isRequestId, requestIdFromRay } from './request-id'

export interface RequestContext {
  /** The caller's address from `cf-connecting-ip`, or `unknown`. */
  readonly client: string
  /** `cf-ray` when Cloudflare set a well-formed one, otherwise a fresh random id. */
  readonly requestId: string
}

/** The context of a request as it reaches the Worker. A client-sent `x-request-id` is ignored. */
export function contextFromRequest(request: Request): RequestContext {
  return {
    client: parseClientAddress(request.headers.get('cf-connecting-ip')),
    requestId: requestIdFromRay(request.headers.get('cf-ray')) ?? crypto.randomUUID(),
  }
}

/** A context field that failed its check when it crossed a boundary. */
export class InvalidContextError extends Error {
  override name = 'InvalidContextError'
}

const isClient = (value: unknown): value is string =>
  typeof value === 'string' && (value === UNKNOWN_CLIENT || parseClientAddress(value) === value)

function checked<T>(field: string, value: unknown, isValid: (value: unknown) => value is T): T {
  if (isValid(value)) return value
  throw new InvalidContextError(`context field ${field} is not valid: ${JSON.stringify(value)}`)
}

/**
 * Checks, field by field, a context that arrived from elsewhere (the Worker's, as a
 * Durable Object receives it) and keeps only the fields it knows.
 */
export function checkedContext(value: unknown): RequestContext {
  const fields = (typeof value === 'object' && value !== null ? value : {}) as Record<
    string,
    unknown
  >
  return {
    client: checked('client', fields.client, isClient),
    requestId: checked('requestId', fields.requestId, isRequestId),
  }
}
