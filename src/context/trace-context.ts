/**
 * The trace id, and the W3C `traceparent` header that carries it between services: the id
 * that joins this Worker's log lines to its caller's, to the services it calls, and to
 * Cloudflare's own traces.
 */

/** What `tracing.getActiveSpan()` needs to offer: `ctx.tracing`, or a fake of it in tests. */
export type SpanSource = Pick<Tracing, 'getActiveSpan'>

const TRACE_ID = /^[0-9a-f]{32}$/
// Version 00 exactly: later versions may add fields, which this parser cannot vouch for.
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/
const ALL_ZEROS = /^0+$/
// The W3C sampled flag: the trace is recorded.
const SAMPLED = 1

/** 32 lowercase hex digits, not all zeros: what W3C Trace Context calls a valid trace-id. */
export const isTraceId = (value: unknown): value is string =>
  typeof value === 'string' && TRACE_ID.test(value) && !ALL_ZEROS.test(value)

// A v4 UUID without its dashes: 32 hex digits from the runtime's native generator.
// Hex-encoding random bytes in JavaScript took 7 µs a call in V8 (Node 24, this machine),
// a tenth of a small request's CPU time; this takes 0.4 µs. Its version
// digit is never 0, so the id is never all zeros, and its last 7 bytes are random, as
// W3C Trace Context asks of a random trace-id.
const randomTraceId = (): string => crypto.randomUUID().replaceAll('-', '')
// 16 hex digits of one: the version digit sits in the first half, so it is never all zeros.
const randomParentId = (): string => crypto.randomUUID().replaceAll('-', '').slice(0, 16)

/** The trace-id of a valid `traceparent` (version 00, non-zero trace-id and parent-id), else undefined. */
export function traceIdFromTraceparent(header: string | null | undefined): string | undefined {
  const [, traceId, parentId] = (header && TRACEPARENT.exec(header)) || []
  return isTraceId(traceId) && parentId && !ALL_ZEROS.test(parentId) ? traceId : undefined
}

/**
 * Cloudflare's trace id when it traces and samples (records) this invocation. Under
 * workerd alone nothing is traced and every id is zeros; `wrangler dev` traces every
 * request in a fresh trace of its own that it does not sample (flags 00), which would
 * hide the caller's `traceparent` and join nothing.
 */
export function traceIdFromTracing(tracing: SpanSource | undefined): string | undefined {
  const span = tracing?.getActiveSpan()
  if (!span?.isTraced) return undefined
  const { traceId, traceFlags } = span.spanContext()
  return isTraceId(traceId) && (traceFlags & SAMPLED) === SAMPLED ? traceId : undefined
}

/** Cloudflare's recorded trace, else the caller's `traceparent`, else a fresh random id. */
export function chooseTraceId(traceparent: string | null, tracing: SpanSource | undefined): string {
  return traceIdFromTracing(tracing) ?? traceIdFromTraceparent(traceparent) ?? randomTraceId()
}

/**
 * A `traceparent` for a request this Worker sends: the same trace, a new parent-id (no span
 * of ours has an id to give), and the sampled flag, as the log lines of the trace are kept.
 */
export const traceparentFor = (traceId: string): string => `00-${traceId}-${randomParentId()}-01`
