/**
 * The context of a handler with no request: `scheduled` (cron), `email`, `tail`. Such a
 * handler starts with none, so one is opened for the run, with a fresh request id and
 * `client: "none"`: `log()` and every helper work there as in a request.
 */
import { runInContext } from '../context-storage'
import { contextWithoutRequest } from '../request-context'

type EventHandler<T, E, R> = (event: T, env: E, ctx: ExecutionContext) => R

/**
 * Runs each invocation of `handler` in a fresh context of its own, whose trace id is
 * Cloudflare's when it traces the run.
 * @example
 * export default {
 *   fetch: withRequestContext(app.fetch),
 *   scheduled: withFreshContext(async (controller) => log('cron', { cron: controller.cron })),
 * } satisfies ExportedHandler<Env>
 */
export function withFreshContext<T, E, R>(handler: EventHandler<T, E, R>): EventHandler<T, E, R> {
  return function inFreshContext(event, env, ctx) {
    return runInContext(contextWithoutRequest(ctx.tracing), handler, event, env, ctx)
  }
}
