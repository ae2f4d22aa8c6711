import { describe, expect, it } from 'vitest'
import { contextFromRequest } from '../../src/context/request-context'
import {
  chooseTrace,
  inRuntimeTrace,
  isTraceId,
  traceFromTraceparent,
  traceparentFor,
} from '../../src/context/trace-context'
import { fakeTracing } from './helpers/fake-tracing'
import { TEST_TRACE_ID } from './helpers/test-context'

const TRACEPARENT = `00-${TEST_TRACE_ID}-00f067aa0ba902b7-01`
const CLOUDFLARE_TRACE_ID = '0af7651916cd43dd8448eb211c80319c'
const request = (headers: Record<string, string>) => new Request('http://example.com/', { headers })

describe('traceFromTraceparent', () => {
  it.each([
    ['01', true],
    ['00', false],
    ['03', true],
    ['02', false],
  ])('takes the trace-id and the sampled flag of flags %s', (flags, traceSampled) => {
    expect(traceFromTraceparent(`00-${TEST_TRACE_ID}-00f067aa0ba902b7-${flags}`)).toEqual({
      traceId: TEST_TRACE_ID,
      traceSampled,
    })
  })

  it.each([
    ['no header', undefined],
    ['an all-zero trace-id', `00-${'0'.repeat(32)}-00f067aa0ba902b7-01`],
    ['an all-zero parent-id', `00-${TEST_TRACE_ID}-0000000000000000-01`],
    ['version ff', `ff-${TEST_TRACE_ID}-00f067aa0ba902b7-01`],
    ['version 01, which this parser cannot vouch for', `01-${TEST_TRACE_ID}-00f067aa0ba902b7-01`],
    ['upper-case hex', TRACEPARENT.toUpperCase()],
    ['a short trace-id', `00-${TEST_TRACE_ID.slice(1)}-00f067aa0ba902b7-01`],
    ['a field after the flags', `${TRACEPARENT}-extra`],
    ['surrounding spaces', ` ${TRACEPARENT}`],
    ['markup', '<script>'],
  ])('refuses %s', (_name, header) => {
    expect(traceFromTraceparent(header)).toBeUndefined()
  })
})

describe("a request's trace", () => {
  const traceparent = (flags: string) => ({
    traceparent: `00-${TEST_TRACE_ID}-00f067aa0ba902b7-${flags}`,
  })
  const traced = (traceFlags: number) =>
    fakeTracing({ isTraced: true, traceId: CLOUDFLARE_TRACE_ID, traceFlags })

  it.each([
    ['01', 1, true],
    ['00', 1, false],
    ['01', 0, true],
    ['00', 0, false],
  ])(
    "is the caller's, flags %s keeping its sampled flag, and names the runtime's trace (flags %s) apart",
    (flags, runtimeFlags, traceSampled) => {
      const context = contextFromRequest(request(traceparent(flags)), traced(runtimeFlags))
      expect(context).toMatchObject({ traceId: TEST_TRACE_ID, traceSampled })
      expect(context.cloudflareTraceId).toBe(CLOUDFLARE_TRACE_ID)
    }
  )

  it("names no second id when the runtime traces under the caller's own", () => {
    const tracing = fakeTracing({ isTraced: true, traceId: TEST_TRACE_ID })
    const context = contextFromRequest(request(traceparent('01')), tracing)
    expect(context.traceId).toBe(TEST_TRACE_ID)
    expect(context).not.toHaveProperty('cloudflareTraceId')
  })

  it.each([
    ['sampled, as at the edge', 1, true],
    ['not sampled, as under wrangler dev', 0, false],
  ])(
    "is the runtime's own without a valid traceparent, when it traces %s, with that flag",
    (_name, traceFlags, traceSampled) => {
      const headers = { traceparent: `00-${'0'.repeat(32)}-00f067aa0ba902b7-01` }
      const context = contextFromRequest(request(headers), traced(traceFlags))
      expect(context).toMatchObject({ traceId: CLOUDFLARE_TRACE_ID, traceSampled })
      expect(context).not.toHaveProperty('cloudflareTraceId')
    }
  )

  const untraced: [string, Tracing | undefined][] = [
    [
      'nothing is traced, as under workerd alone',
      fakeTracing({ isTraced: false, traceId: '0'.repeat(32) }),
    ],
    ['a traced span reports zeros', fakeTracing({ isTraced: true, traceId: '0'.repeat(32) })],
    ['no span is active', fakeTracing(undefined)],
    ['there is no ctx.tracing', undefined],
  ]
  describe.each(untraced)('when %s', (_name, tracing) => {
    it.each([
      ['01', true],
      ['00', false],
    ])("is the incoming traceparent's, flags %s keeping its sampled flag", (flags, sampled) => {
      const context = contextFromRequest(request(traceparent(flags)), tracing)
      expect(context).toMatchObject({ traceId: TEST_TRACE_ID, traceSampled: sampled })
      expect(context).not.toHaveProperty('cloudflareTraceId')
    })

    it('is fresh and random without a valid traceparent, and sampled: its log lines are kept', () => {
      const traces = [1, 2].map(() =>
        chooseTrace(`00-${'0'.repeat(32)}-00f067aa0ba902b7-00`, tracing)
      )
      for (const trace of traces) {
        expect(isTraceId(trace.traceId)).toBe(true)
        expect(trace.traceSampled).toBe(true)
        expect(trace).not.toHaveProperty('cloudflareTraceId')
      }
      expect(traces[0]?.traceId).not.toBe(traces[1]?.traceId)
    })
  })
})

describe('inRuntimeTrace', () => {
  const carried = { traceId: TEST_TRACE_ID, traceSampled: true, cloudflareTraceId: 'a'.repeat(32) }

  it.each([
    ["names this invocation's trace when it is another", CLOUDFLARE_TRACE_ID, CLOUDFLARE_TRACE_ID],
    ['names none when this invocation traces under traceId', TEST_TRACE_ID, undefined],
    ['names none when nothing is traced', undefined, undefined],
  ])('%s', (_name, runtimeTraceId, named) => {
    const tracing = runtimeTraceId
      ? fakeTracing({ isTraced: true, traceId: runtimeTraceId, traceFlags: 0 })
      : fakeTracing({ isTraced: false, traceId: '0'.repeat(32) })
    const trace = inRuntimeTrace(carried, tracing)
    expect(trace).toMatchObject({ traceId: TEST_TRACE_ID, traceSampled: true })
    expect(trace.cloudflareTraceId).toBe(named)
  })
})

describe('isTraceId', () => {
  it.each([
    [TEST_TRACE_ID, true],
    ['0'.repeat(32), false],
    [TEST_TRACE_ID.toUpperCase(), false],
    [`${TEST_TRACE_ID}0`, false],
    [42, false],
  ])('%j is %s', (value, valid) => {
    expect(isTraceId(value)).toBe(valid)
  })
})

describe('traceparentFor', () => {
  it.each([
    [true, '01'],
    [false, '00'],
  ])(
    'makes a valid version-00 traceparent in the same trace, a new parent-id each time, sampled %s as flags %s',
    (traceSampled, flags) => {
      const trace = { traceId: TEST_TRACE_ID, traceSampled }
      const headers = [traceparentFor(trace), traceparentFor(trace)]
      for (const header of headers) {
        expect(header).toMatch(new RegExp(`^00-${TEST_TRACE_ID}-[0-9a-f]{16}-${flags}$`))
        expect(traceFromTraceparent(header)).toEqual(trace)
      }
      expect(headers[0]).not.toBe(headers[1])
    }
  )

  it.each([
    [1, true, '01'],
    [0, false, '00'],
  ])(
    "takes the active span's id as parent when the runtime traces the same trace (flags %s)",
    (traceFlags, traceSampled, flags) => {
      const tracing = fakeTracing({ isTraced: true, traceId: CLOUDFLARE_TRACE_ID, traceFlags })
      const trace = { traceId: CLOUDFLARE_TRACE_ID, traceSampled }
      expect(traceparentFor(trace, tracing)).toBe(
        `00-${CLOUDFLARE_TRACE_ID}-00f067aa0ba902b7-${flags}`
      )
    }
  )

  it.each([
    ['traces another trace', fakeTracing({ isTraced: true, traceId: CLOUDFLARE_TRACE_ID })],
    ['traces nothing', fakeTracing({ isTraced: false, traceId: TEST_TRACE_ID })],
    [
      'gives a zero span id',
      fakeTracing({ isTraced: true, traceId: TEST_TRACE_ID, spanId: '0'.repeat(16) }),
    ],
  ])('makes its own parent-id and keeps the flag when the runtime %s', (_name, tracing) => {
    const header = traceparentFor({ traceId: TEST_TRACE_ID, traceSampled: false }, tracing)
    expect(header).toMatch(new RegExp(`^00-${TEST_TRACE_ID}-[0-9a-f]{16}-00$`))
    expect(header).not.toContain('00f067aa0ba902b7')
    expect(header).not.toContain('0'.repeat(16))
  })
})
