/**
 * The Worker the tests run (vitest.config.ts `main`): the project's own, src/index.ts,
 * unchanged, plus what only the tests' own bindings reach. wrangler.toml knows none of
 * them, so `wrangler deploy` needs no queue and no second Worker.
 */
import worker from '../src/index'
import { PROBE_QUEUE, probeQueue } from './context/helpers/context-probes'

export * from '../src/index'
export { ContextProbeObject, ContextProbeService } from './context/helpers/context-probes'

const project: ExportedHandler<Env> = worker

export default {
  ...project,
  // A queue's consumer is always the default export: the tests' queue goes to the probe,
  // any other to the Worker's own handler.
  queue(batch, env, ctx) {
    if (batch.queue === PROBE_QUEUE) return probeQueue(batch, env, ctx)
    return project.queue?.(batch, env, ctx)
  },
} satisfies ExportedHandler<Env>
