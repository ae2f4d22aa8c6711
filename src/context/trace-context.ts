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
const isSampled = (flags: number): boolean => (flags & SAMPLED) === SAMPLED

/** 32 lowercase hex digits, not all zeros: what W3C Trace Context calls a valid trace-id. */
export const isTraceId = (value: unknown): value is string =>
  typeof value === 'string' && TRACE_ID.test(value) && !ALL_ZEROS.test(value)

// A v4 UUID without its dashes: 32 hex digits from the runtime's native generator.
// The native generator is much cheaper than hex-encoding random bytes in JavaScript, which
// cost a small request a noticeable share of its CPU time. Its version digit is never 0, so
// the id is never all zeros, and its last 7 bytes are random, as W3C Trace Context asks of
// a random trace-id.
const randomTraceId = (): string => crypto.randomUUID().replaceAll('-', '')
// 16 hex digits of one: the version digit sits in the first half, so it is never all zeros.
const randomParentId = (): string => crypto.randomUUID().replaceAll('-', '').slice(0, 16)

/** The trace of a request: its id, and whether it is recorded upstream (W3C's sampled flag). */
export interface Trace {
  readonly traceId: string
  readonly traceSampled: boolean
  /**
   * The id the runtime files this invocation's spans and log lines under, where it is not
   * `traceId` (a caller's trace came with the request): Workers Observability's
   * `$metadata.traceId`, and the `trace_id` of wrangler's Local Explorer.
   */
  readonly cloudflareTraceId?: string
}

/** The trace of a valid `traceparent` (version 00, non-zero trace-id and parent-id), else undefined. */
export function traceFromTraceparent(header: string | null | undefined): Trace | undefined {
  const [, traceId, parentId, flags] = (header && TRACEPARENT.exec(header)) || []
  if (!isTraceId(traceId) || !isParentId(parentId)) return undefined
  return { traceId, traceSampled: isSampled(Number.parseInt(flags as string, 16)) }
}

/**
 * The active span's ids when the runtime traces this invocation, sampled or not: Cloudflare
 * at the edge, and `wrangler dev` (which records every request locally, flags 00). Under
 * workerd alone nothing is traced and every id is zeros.
 */
function tracedSpan(tracing: SpanSource | undefined): TracingSpanContext | undefined {
  const span = tracing?.getActiveSpan()
  if (!span?.isTraced) return undefined
  const context = span.spanContext()
  return isTraceId(context.traceId) ? context : undefined
}

/**
 * The caller's `traceparent` with its sampled flag, as W3C asks of a service that receives
 * one; else the runtime's own trace with its flag; else a fresh trace, which counts as
 * sampled: this Worker's log lines of it are kept. Where the runtime traces under another
 * id than the one chosen, the trace names it too (`cloudflareTraceId`).
 */
export function chooseTrace(traceparent: string | null, tracing: SpanSource | undefined): Trace {
  const runtime = tracedSpan(tracing)
  const caller = traceFromTraceparent(traceparent)
  if (caller) return runtime ? withCloudflareTraceId(caller, runtime.traceId) : caller
  if (runtime) return { traceId: runtime.traceId, traceSampled: isSampled(runtime.traceFlags) }
  return { traceId: randomTraceId(), traceSampled: true }
}

/**
 * `trace` as this invocation sees it: `cloudflareTraceId` is the id the runtime traces it
 * under now, left out where that is `traceId` or nothing is traced. For a context that
 * crossed into another invocation (a queue consumer's has a trace of its own).
 */
export function inRuntimeTrace<T extends Trace>(trace: T, tracing: SpanSource | undefined): T {
  const runtime = tracedSpan(tracing)
  const { cloudflareTraceId: _carried, ...rest } = trace
  return runtime ? withCloudflareTraceId(rest as T, runtime.traceId) : (rest as T)
}

function withCloudflareTraceId<T extends Trace>(trace: T, runtimeTraceId: string): T {
  return runtimeTraceId === trace.traceId ? trace : { ...trace, cloudflareTraceId: runtimeTraceId }
}

/**
 * A `traceparent` for a request this Worker sends, in `trace`: when the runtime traces
 * that same trace, its active span is the parent; otherwise a new parent-id (no span of
 * ours has an id to give). The sampled flag is the trace's.
 */
export function traceparentFor(trace: Trace, tracing?: SpanSource): string {
  const span = tracedSpan(tracing)
  const parentId =
    span && span.traceId === trace.traceId && isParentId(span.spanId)
      ? span.spanId
      : randomParentId()
  return `00-${trace.traceId}-${parentId}-${trace.traceSampled ? '01' : '00'}`
}
