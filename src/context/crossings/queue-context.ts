/**
 * The context's crossing through a Queue. A consumer starts with no context, and one
 * batch holds messages sent from many requests: each message carries the context of the
 * request that sent it, and the consumer runs each message inside its own, checked.
 */
import { logError } from '../context-log'
import { currentContext, runInContext } from '../context-storage'
import {
  checkedContext,
  contextWithoutRequest,
  InvalidContextError,
  type RequestContext,
} from '../request-context'
import type { SpanSource } from '../trace-context'

/** What a producer sends: `env.QUEUE.send(contextMessage(body))`. */
export interface ContextMessage<Body> {
  readonly context: RequestContext
  readonly body: Body
}

/** `body`, with the current context, to send to a queue. */
export function contextMessage<Body>(body: Body): ContextMessage<Body> {
  return { context: currentContext(), body }
}

type MessageHandler<Body, E> = (
  body: Body,
  message: Message,
  env: E,
  ctx: ExecutionContext
) => unknown

/** The message's own context, checked, and its body; or a fresh context and why. */
function unwrap(message: Message, tracing: SpanSource | undefined) {
  const sent = message.body
  if (typeof sent !== 'object' || sent === null || !('context' in sent)) {
    const refused = new InvalidContextError('message has no context: send contextMessage(body)')
    return { context: contextWithoutRequest(tracing), body: sent, refused }
  }
  const { context, body } = sent as ContextMessage<unknown>
  try {
    return { context: checkedContext(context, tracing), body, refused: undefined }
  } catch (refused) {
    return { context: contextWithoutRequest(tracing), body, refused }
  }
}

/**
 * A queue handler that runs `handle(body, message)` for each message, one after another,
 * inside the context it was sent from. A message whose context is missing or invalid runs
 * in a fresh one, where the refusal is logged first (`context-error`): never dropped. A
 * message whose handler throws is logged in its context and retried; the rest are acked.
 * @example
 * export default { queue: withMessageContexts((body) => log('job', { body })) }
 */
export function withMessageContexts<Body, E>(handle: MessageHandler<Body, E>) {
  return async function queueInContext(batch: MessageBatch, env: E, ctx: ExecutionContext) {
    for (const message of batch.messages) {
      const { context, body, refused } = unwrap(message, ctx.tracing)
      const fields = { queue: batch.queue, messageId: message.id }
      await runInContext(context, async () => {
        if (refused) logError('context-error', refused, fields)
        try {
          await handle(body as Body, message, env, ctx)
          message.ack()
        } catch (error) {
          logError('queue-message-error', error, fields)
          message.retry()
        }
      })
    }
  }
}
