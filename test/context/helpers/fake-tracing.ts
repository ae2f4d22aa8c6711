/**
 * A stand-in for `ctx.tracing` as Cloudflare's edge gives it to a traced request: locally
 * nothing is traced (`isTraced` false, every id zeros), so the traced branch is tested
 * with this, and never faked at runtime.
 */
import type { SpanSource } from '../../../src/context/trace-context'

interface FakeSpan {
  readonly isTraced: boolean
  readonly traceId: string
  /** 1 (sampled, the default) or 0, as `wrangler dev` reports its own unsampled traces. */
  readonly traceFlags?: number
  /** The active span's id: `00f067aa0ba902b7` unless given. */
  readonly spanId?: string
}

export function fakeTracing(span: FakeSpan | undefined): Tracing {
  const active =
    span &&
    ({
      isTraced: span.isTraced,
      spanContext: () => ({
        traceId: span.traceId,
        spanId: span.spanId ?? '00f067aa0ba902b7',
        traceFlags: span.traceFlags ?? 1,
      }),
    } as unknown as Span)
  return { getActiveSpan: () => active } satisfies SpanSource as Tracing
}
