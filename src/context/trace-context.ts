/**
 * The trace id, and the W3C `traceparent` header that carries it between services: the id
 * that joins this Worker's log lines to its caller's, to the services it calls, and to
 * Cloudflare's own traces.
 */

/** What `tracing.getActiveSpan()` needs to offer: `ctx.tracing`, or a fake of it in tests. */
export type SpanSource = Pick<Tracing, 'getActiveSpan'>

const TRACE_ID = /^[0-9a-f]{32}$/
// Version 00 exactly: later versions may add fields, which this parser cannot vouch for.
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/
const ALL_ZEROS = /^0+$/
const PARENT_ID = /^(?!0{16})[0-9a-f]{16}$/
const isParentId = (value: string | undefined): value is string =>
  value !== undefined && PARENT_ID.test(value)
// The W3C sampled flag: the trace is recorded.
const SAMPLED = 1

/** 32 lowercase hex digits, not all zeros: what W3C Trace Context calls a valid trace-id. */
export const isTraceId = (value: unknown): value is string =>
  typeof value === 'string' && TRACE_ID.test(value) && !ALL_ZEROS.test(value)

// A v4 UUID without its dashes: 32 hex digits from the runtime's native generator.
// The native generator is much cheaper than hex-encoding random bytes in JavaScript, which
// cost a small request a noticeable share of its CPU time. Its version digit is never 0, so the id is never all zeros, and its last 7 bytes are random, as
// W3C Trace Context asks of a random trace-id.
const randomTraceId = (): string => crypto.randomUUID().replaceAll('-', '')
// 16 hex digits of one: the version digit sits in the first half, so it is never all zeros.
const randomParentId = (): string => crypto.randomUUID().replaceAll('-', '').slice(0, 16)

/** The trace of a request: its id, and whether it is recorded upstream (W3C's sampled flag). */
export interface Trace {
  readonly traceId: string
  readonly traceSampled: boolean
}

/** The trace of a valid `traceparent` (version 00, non-zero trace-id and parent-id), else undefined. */
export function traceFromTraceparent(header: string | null | undefined): Trace | undefined {
  const [, traceId, parentId, flags] = (header && TRACEPARENT.exec(header)) || []
  if (!isTraceId(traceId) || !isParentId(parentId)) return undefined
  return { traceId, traceSampled: (Number.parseInt(flags as string, 16) & SAMPLED) === SAMPLED }
}

/**
 * The active span's ids when Cloudflare traces and samples (records) this invocation. Under
 * workerd alone nothing is traced and every id is zeros; `wrangler dev` traces every
 * request in a fresh trace of its own that it does not sample (flags 00), which would
 * hide the caller's `traceparent` and join nothing.
 */
function recordedSpan(tracing: SpanSource | undefined): TracingSpanContext | undefined {
  const span = tracing?.getActiveSpan()
  if (!span?.isTraced) return undefined
  const context = span.spanContext()
  return isTraceId(context.traceId) && (context.traceFlags & SAMPLED) === SAMPLED
    ? context
    : undefined
}

/**
 * Cloudflare's recorded trace, else the caller's `traceparent` with its sampled flag, else a
 * fresh trace, which counts as sampled: this Worker's log lines of it are kept.
 */
export function chooseTrace(traceparent: string | null, tracing: SpanSource | undefined): Trace {
  const recorded = recordedSpan(tracing)
  if (recorded) return { traceId: recorded.traceId, traceSampled: true }
  return traceFromTraceparent(traceparent) ?? { traceId: randomTraceId(), traceSampled: true }
}

/**
 * A `traceparent` for a request this Worker sends, in `trace`: when Cloudflare records that
 * trace, its active span is the parent; otherwise a new parent-id (no span of ours has an
 * id to give), and the sampled flag as it came.
 */
export function traceparentFor(trace: Trace, tracing?: SpanSource): string {
  const span = recordedSpan(tracing)
  if (span && span.traceId === trace.traceId && isParentId(span.spanId)) {
    return `00-${trace.traceId}-${span.spanId}-01`
  }
  return `00-${trace.traceId}-${randomParentId()}-${trace.traceSampled ? '01' : '00'}`
}
