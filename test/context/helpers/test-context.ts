/**
 * The context tests run in, from one source: a new context field is added here once and
 * reaches every test that builds a context.
 */
import type { RequestContext } from '../../../src/context/request-context'

export const TEST_REQUEST_ID = '8f2a9c1d3e4b5a67-LHR'
export const TEST_TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736'

/** A context for `client`, with the fixture's ids unless `fields` replaces them. */
export function testContext(
  client = '203.0.113.9',
  fields: Partial<RequestContext> = {}
): RequestContext {
  return {
    client,
    requestId: TEST_REQUEST_ID,
    traceId: TEST_TRACE_ID,
    traceSampled: true,
    ...fields,
  }
}
