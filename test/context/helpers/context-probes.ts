/**
 * A Durable Object, an entrypoint and a queue consumer that only the tests' own bindings
 * reach (vitest.config.ts): each reports the context its code runs in, as a forker's
 * would meet it. wrangler.toml knows none of them.
 */
import { DurableObject, WorkerEntrypoint } from 'cloudflare:workers'
import { log } from '../../../src/context/context-log'
import { currentContext } from '../../../src/context/context-storage'
import { withFreshContext } from '../../../src/context/crossings/fresh-context'
import { withMessageContexts } from '../../../src/context/crossings/queue-context'
import { inCallerContext } from '../../../src/context/crossings/rpc-context'
import type { RequestContext } from '../../../src/context/request-context'
import { withRequestContext } from '../../../src/context/with-request-context'

export interface ProbeReport {
  readonly label: string
  readonly context: RequestContext
}

/** Logs `probe` and answers with the context, after an await, as a method's body would. */
async function report(label: string): Promise<ProbeReport> {
  await scheduler.wait(1)
  log('probe', { label })
  return { label, context: currentContext() }
}

export class ContextProbeObject extends DurableObject {
  async whoAmI(caller: unknown, label: string): Promise<ProbeReport> {
    return inCallerContext(caller, () => report(label))
  }
}

/** A service on the other side of a fetch(): what it received, and the context it opened. */
const describeRequest = withRequestContext(async (request: Request) =>
  Response.json({
    received: Object.fromEntries(request.headers),
    context: currentContext(),
  })
)

const cronRun = withFreshContext(async (controller: ScheduledController) => {
  await scheduler.wait(1)
  log('cron-run', { cron: controller.cron })
})

export class ContextProbeService extends WorkerEntrypoint {
  async whoAmI(caller: unknown, label: string): Promise<ProbeReport> {
    return inCallerContext(caller, () => report(label))
  }

  override fetch(request: Request): Response | Promise<Response> {
    return describeRequest(request, this.env, this.ctx)
  }

  override scheduled(controller: ScheduledController): Promise<void> {
    return cronRun(controller, this.env, this.ctx)
  }
}

/** The queue the tests produce to and consume from (vitest.config.ts). */
export const PROBE_QUEUE = 'context-probe'

export const probeQueue = withMessageContexts(async (body: unknown) => {
  await scheduler.wait(1)
  log('queue-message', { body })
})
