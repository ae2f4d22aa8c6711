/// <reference types="vite/client" />
/**
 * The Worker the tests run (vitest.config.ts `main`): the project's own, src/index.ts,
 * unchanged, plus a Durable Object, an entrypoint and a queue consumer that only the
 * tests' own bindings reach. wrangler.toml knows none of them, so `wrangler deploy` needs
 * no queue and no second Worker. What each does comes from the probes beside the
 * crossings' tests, found by name: deleting a crossing, its test and its probe leaves the
 * rest running.
 */
import { DurableObject, WorkerEntrypoint } from 'cloudflare:workers'
import worker from '../src/index'
import { PROBE_QUEUE, type Probe } from './context/helpers/probes'

export * from '../src/index'

const probes = Object.values(
  import.meta.glob<{ probe: Probe }>('./context/crossings/*.probe.ts', { eager: true })
).map((module) => module.probe)

/** The probe that handles `event`; a test whose probe was deleted fails here, by name. */
function probeFor<K extends keyof Probe>(event: K): NonNullable<Probe[K]> {
  const found = probes.find((probe) => probe[event])?.[event]
  if (!found) throw new Error(`no probe handles ${event}: see test/context/helpers/probes.ts`)
  return found
}

export class ContextProbeObject extends DurableObject {
  whoAmI(caller: unknown, label: string) {
    return probeFor('whoAmI')(caller, label)
  }
}

export class ContextProbeService extends WorkerEntrypoint<Env> {
  whoAmI(caller: unknown, label: string) {
    return probeFor('whoAmI')(caller, label)
  }

  override fetch(request: Request) {
    return probeFor('fetch')(
      request as Parameters<ExportedHandlerFetchHandler<Env>>[0],
      this.env,
      this.ctx
    )
  }

  override scheduled(controller: ScheduledController) {
    return probeFor('scheduled')(controller, this.env, this.ctx)
  }
}

const project: ExportedHandler<Env> = worker

export default {
  ...project,
  // A queue's consumer is always the default export: the tests' queue goes to its probe,
  // any other to the Worker's own handler.
  queue(batch, env, ctx) {
    if (batch.queue === PROBE_QUEUE) return probeFor('queue')(batch, env, ctx)
    return project.queue?.(batch, env, ctx)
  },
} satisfies ExportedHandler<Env>
