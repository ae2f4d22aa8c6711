/** The RPC methods of the probe object and service: each runs in the caller's context. */
import { log } from '../../../src/context/context-log'
import { currentContext } from '../../../src/context/context-storage'
import { runInCallerContext } from '../../../src/context/crossings/rpc-context'
import type { Probe } from '../helpers/probes'

export const probe: Probe = {
  whoAmI: (caller, label) =>
    runInCallerContext(caller, async () => {
      await scheduler.wait(1)
      log('probe', { label })
      return { label, context: currentContext() }
    }),
}
