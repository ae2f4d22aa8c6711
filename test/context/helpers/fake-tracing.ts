/**
 * A stand-in for `ctx.tracing` as Cloudflare's edge gives it to a traced request: locally
 * nothing is traced (`isTraced` false, every id zeros), so the traced branch is tested
 * with this, and never faked at runtime.
 */
import type { SpanSource } from '../../../src/context/trace-context'

export function fakeTracing(span: { isTraced: boolean; traceId: string } | undefined): Tracing {
  const active =
    span &&
    ({
      isTraced: span.isTraced,
      spanContext: () => ({ traceId: span.traceId, spanId: '00f067aa0ba902b7', traceFlags: 1 }),
    } as unknown as Span)
  return { getActiveSpan: () => active } satisfies SpanSource as Tracing
}
