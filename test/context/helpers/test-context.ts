/**
 * The context tests run in, made by the real contextFromRequest() from a request that
 * carries the fixture's ids: a field a fork adds is filled here as in the Worker, and no
 * test needs to name it.
 */
import { contextFromRequest, type RequestContext } from '../../../src/context/request-context'

export const TEST_REQUEST_ID = '8f2a9c1d3e4b5a67-LHR'
export const TEST_TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736'

/** A context for `client` (any string, `none` included), with the fixture's ids unless `fields` replaces them. */
export function testContext(
  client = '203.0.113.9',
  fields: Partial<RequestContext> = {}
): RequestContext {
  const headers = {
    'cf-ray': TEST_REQUEST_ID,
    traceparent: `00-${TEST_TRACE_ID}-00f067aa0ba902b7-01`,
  }
  return {
    ...contextFromRequest(new Request('http://example.com/', { headers })),
    client,
    ...fields,
  }
}
