/** A cron run of the probe service, in a fresh context. */
import { log } from '../../../src/context/context-log'
import { withFreshContext } from '../../../src/context/crossings/fresh-context'
import type { Probe } from '../helpers/probes'

export const probe: Probe = {
  scheduled: withFreshContext(async (controller: ScheduledController) => {
    await scheduler.wait(1)
    log('cron-run', { cron: controller.cron })
  }),
}
