/** The other side of contextFetch(): what it received, and the context it opened. */
import { currentContext } from '../../../src/context/context-storage'
import { withRequestContext } from '../../../src/context/with-request-context'
import type { Probe } from '../helpers/probes'

export const probe: Probe = {
  fetch: withRequestContext(async (request: Request) =>
    Response.json({ received: Object.fromEntries(request.headers), context: currentContext() })
  ),
}
