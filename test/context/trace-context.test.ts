import { describe, expect, it } from 'vitest'
import { contextFromRequest } from '../../src/context/request-context'
import {
  chooseTraceId,
  isTraceId,
  traceIdFromTraceparent,
  traceparentFor,
} from '../../src/context/trace-context'
import { fakeTracing } from './helpers/fake-tracing'

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736'
const TRACEPARENT = `00-${TRACE_ID}-00f067aa0ba902b7-01`
const CLOUDFLARE_TRACE_ID = '0af7651916cd43dd8448eb211c80319c'
const request = (headers: Record<string, string>) => new Request('http://example.com/', { headers })

describe('traceIdFromTraceparent', () => {
  it.each([[TRACEPARENT], [`00-${TRACE_ID}-00f067aa0ba902b7-00`]])(
    'takes the trace-id of %s',
    (header) => {
      expect(traceIdFromTraceparent(header)).toBe(TRACE_ID)
    }
  )

  it.each([
    ['no header', undefined],
    ['an all-zero trace-id', `00-${'0'.repeat(32)}-00f067aa0ba902b7-01`],
    ['an all-zero parent-id', `00-${TRACE_ID}-0000000000000000-01`],
    ['version ff', `ff-${TRACE_ID}-00f067aa0ba902b7-01`],
    ['version 01, which this parser cannot vouch for', `01-${TRACE_ID}-00f067aa0ba902b7-01`],
    ['upper-case hex', TRACEPARENT.toUpperCase()],
    ['a short trace-id', `00-${TRACE_ID.slice(1)}-00f067aa0ba902b7-01`],
    ['a field after the flags', `${TRACEPARENT}-extra`],
    ['surrounding spaces', ` ${TRACEPARENT}`],
    ['markup', '<script>'],
  ])('refuses %s', (_name, header) => {
    expect(traceIdFromTraceparent(header)).toBeUndefined()
  })
})

describe("a request's trace id", () => {
  it("is Cloudflare's own when Cloudflare traces and samples the request, whatever traceparent says", () => {
    const tracing = fakeTracing({ isTraced: true, traceId: CLOUDFLARE_TRACE_ID })
    const context = contextFromRequest(request({ traceparent: TRACEPARENT }), tracing)
    expect(context.traceId).toBe(CLOUDFLARE_TRACE_ID)
  })

  it.each([
    ['nothing is traced, as locally', fakeTracing({ isTraced: false, traceId: '0'.repeat(32) })],
    ['a traced span reports zeros', fakeTracing({ isTraced: true, traceId: '0'.repeat(32) })],
    [
      'the trace is not sampled, as under wrangler dev',
      fakeTracing({ isTraced: true, traceId: CLOUDFLARE_TRACE_ID, traceFlags: 0 }),
    ],
    ['no span is active', fakeTracing(undefined)],
    ['there is no ctx.tracing', undefined],
  ])("is the incoming traceparent's when %s", (_name, tracing) => {
    expect(contextFromRequest(request({ traceparent: TRACEPARENT }), tracing).traceId).toBe(
      TRACE_ID
    )
  })

  it('is fresh and random without a valid traceparent', () => {
    const ids = [1, 2].map(() =>
      chooseTraceId(`00-${'0'.repeat(32)}-00f067aa0ba902b7-01`, undefined)
    )
    for (const id of ids) expect(isTraceId(id)).toBe(true)
    expect(ids[0]).not.toBe(ids[1])
  })
})

describe('isTraceId', () => {
  it.each([
    [TRACE_ID, true],
    ['0'.repeat(32), false],
    [TRACE_ID.toUpperCase(), false],
    [`${TRACE_ID}0`, false],
    [42, false],
  ])('%j is %s', (value, valid) => {
    expect(isTraceId(value)).toBe(valid)
  })
})

describe('traceparentFor', () => {
  it('makes a valid version-00 traceparent in the same trace, with a new parent-id each time', () => {
    const headers = [traceparentFor(TRACE_ID), traceparentFor(TRACE_ID)]
    for (const header of headers) {
      expect(header).toMatch(new RegExp(`^00-${TRACE_ID}-[0-9a-f]{16}-01$`))
      expect(traceIdFromTraceparent(header)).toBe(TRACE_ID)
    }
    expect(headers[0]).not.toBe(headers[1])
  })
})
