import { describe, expect, it } from 'vitest'
import {
  checkedContext,
  contextFromRequest,
  InvalidContextError,
} from '../../src/context/request-context'
import { fakeTracing } from './helpers/fake-tracing'
import { TEST_REQUEST_ID, TEST_TRACE_ID, testContext } from './helpers/test-context'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const request = (headers: Record<string, string>) => new Request('http://example.com/', { headers })

describe('contextFromRequest', () => {
  it('takes the client from cf-connecting-ip, the request id from a well-formed cf-ray, the trace id from traceparent', () => {
    const context = contextFromRequest(
      request({
        'cf-connecting-ip': '203.0.113.9',
        'cf-ray': TEST_REQUEST_ID,
        traceparent: `00-${TEST_TRACE_ID}-00f067aa0ba902b7-01`,
      })
    )
    expect(context).toMatchObject({
      client: '203.0.113.9',
      requestId: TEST_REQUEST_ID,
      traceId: TEST_TRACE_ID,
      traceSampled: true,
    })
  })

  it.each([
    ['no cf-ray', {}],
    ['a ray id without its data centre', { 'cf-ray': '8f2a9c1d3e4b5a67' }],
    ['upper-case hex', { 'cf-ray': '8F2A9C1D3E4B5A67-LHR' }],
    ['a four-letter data centre', { 'cf-ray': `${TEST_REQUEST_ID}X` }],
    ['15 hex digits', { 'cf-ray': '8f2a9c1d3e4b5a6-LHR' }],
    ['markup', { 'cf-ray': '<script>-LHR' }],
  ])('makes a fresh random request id for %s', (_name, headers) => {
    const ids = [contextFromRequest(request(headers)), contextFromRequest(request(headers))]
    expect(ids[0]?.requestId).toMatch(UUID)
    expect(ids[0]?.requestId).not.toBe(ids[1]?.requestId)
  })

  it('never trusts a client-sent x-request-id', () => {
    const context = contextFromRequest(request({ 'x-request-id': TEST_REQUEST_ID }))
    expect(context.requestId).toMatch(UUID)
  })

  it('records unknown for a cf-connecting-ip that is not an address', () => {
    expect(contextFromRequest(request({ 'cf-connecting-ip': 'evil.example' })).client).toBe(
      'unknown'
    )
  })
})

describe('checkedContext', () => {
  // Every field a context has, a fork's own included: the tests vary only the ones they name.
  const valid = testContext('203.0.113.9')

  it.each([
    { client: '203.0.113.9' },
    { client: 'unknown', requestId: '0d5b4f6e-3c1a-4b8e-9f2d-7a6c5b4e3d2c' },
    { client: 'none', requestId: '0d5b4f6e-3c1a-4b8e-9f2d-7a6c5b4e3d2c' },
    {
      client: 'ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255',
      requestId: '8f2a9c1d3e4b5a67-SJC',
      traceSampled: false,
    },
  ])('accepts a well-formed context: $client', (fields) => {
    const context = { ...valid, ...fields }
    expect(checkedContext(context)).toEqual(context)
  })

  it('keeps only the fields it knows', () => {
    const sent = { ...valid, admin: true }
    expect(checkedContext(sent)).toEqual(valid)
  })

  it.each([
    ['client', { ...valid, client: 'evil.example' }],
    ['client', { ...valid, client: 42 }],
    ['client', { ...valid, client: undefined }],
    ['requestId', { ...valid, requestId: 'client-chosen' }],
    ['requestId', { ...valid, requestId: undefined }],
    ['traceId', { ...valid, traceId: '0'.repeat(32) }],
    ['traceId', { ...valid, traceId: TEST_TRACE_ID.toUpperCase() }],
    ['traceId', { ...valid, traceId: undefined }],
    ['traceSampled', { ...valid, traceSampled: 'true' }],
    ['traceSampled', { ...valid, traceSampled: undefined }],
    ['cloudflareTraceId', { ...valid, cloudflareTraceId: 'not-a-trace' }],
    ['client', null],
  ])('refuses a context whose %s field is missing or malformed', (field, value) => {
    expect(() => checkedContext(value)).toThrow(InvalidContextError)
    expect(() => checkedContext(value)).toThrow(`context field ${field} is not valid`)
  })

  it('names the trace the runtime runs this invocation under, in place of the one it carried', () => {
    const carried = { ...valid, cloudflareTraceId: 'a'.repeat(32) }
    const here = fakeTracing({ isTraced: true, traceId: 'b'.repeat(32), traceFlags: 0 })
    expect(checkedContext(carried, here)).toEqual({ ...valid, cloudflareTraceId: 'b'.repeat(32) })
  })

  it('names no second trace where this invocation traces under the carried traceId', () => {
    const carried = { ...valid, cloudflareTraceId: 'a'.repeat(32) }
    const here = fakeTracing({ isTraced: true, traceId: TEST_TRACE_ID })
    expect(checkedContext(carried, here)).not.toHaveProperty('cloudflareTraceId')
  })
})
