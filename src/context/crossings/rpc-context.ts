/**
 * The context's crossing over RPC: a Durable Object's `stub.method()`, or a method of a
 * `WorkerEntrypoint` called over a service binding. Nothing crosses by itself: the method
 * runs in an async context of its own. The caller sends its context as the first
 * argument; the method checks it field by field and runs its body inside it.
 */
import { logError } from '../context-log'
import { currentContext, runInContext } from '../context-storage'
import { checkedContext, type RequestContext } from '../request-context'

/** The argument that carries the current context: `stub.method(callerContext(), ...args)`. */
export const callerContext = (): RequestContext => currentContext()

/**
 * In the method: runs `body` inside the context the caller sent, checked. A missing or
 * forged one is logged and thrown (an InvalidContextError), and so reaches the caller.
 * @example
 * async greet(caller: unknown, name: string) {
 *   return runInCallerContext(caller, () => `Hello ${name}, from ${clientAddress()}`)
 * }
 */
export function runInCallerContext<R>(caller: unknown, body: () => R): R {
  let context: RequestContext
  try {
    context = checkedContext(caller)
  } catch (error) {
    logError('context-error', error)
    throw error
  }
  return runInContext(context, body)
}
