/** The consumer of the tests' queue: each message in the context it was sent from. */
import { log } from '../../../src/context/context-log'
import { withMessageContexts } from '../../../src/context/crossings/queue-context'
import type { Probe } from '../helpers/probes'

export const probe: Probe = {
  queue: withMessageContexts(async (body: unknown) => {
    await scheduler.wait(1)
    log('queue-message', { body })
  }),
}
