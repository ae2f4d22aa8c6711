/**
 * The per-request context store: the AsyncLocalStorage analogue of the tutorial's
 * `client_addr_var = contextvars.ContextVar('client_addr')`.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import type { RequestContext } from './request-context'

// Owned here rather than borrowed from Hono's contextStorage(), which keeps its store
// private: a Durable Object or a WebSocket listener must be able to re-enter it.
const storage = new AsyncLocalStorage<RequestContext>()

/** Runs `fn(...args)` with `context` as the current context (`client_addr_var.set(addr)`, scoped to `fn`). */
export function runInContext<A extends unknown[], R>(
  context: RequestContext,
  fn: (...args: A) => R,
  ...args: A
): R {
  return storage.run(context, fn, ...args)
}

/**
 * Binds `fn` to the whole async context it was bound in: this context, Hono's
 * `contextStorage()`, the active tracing span and any library's `AsyncLocalStorage`.
 * workerd runs each WebSocket event in a fresh async context, so listeners added without
 * this see none of them. Bound to the request that binds it (workerd's
 * `bind_asynclocalstorage_snapshot_to_request`): right for an `accept()`ed socket, whose
 * events stay in that request; a hibernating object's handlers use runInSocketContext().
 */
export function withCurrentContext<A extends unknown[], R>(
  fn: (...args: A) => R
): (...args: A) => R {
  currentContext()
  return AsyncLocalStorage.bind(fn)
}

/** Runs `fn(...args)` in the context that captureContext() captured. */
export type RunInContext = <A extends unknown[], R>(fn: (...args: A) => R, ...args: A) => R

/**
 * Captures this context, to enter later only around the work that reads it. A listener
 * bound whole enters the context on every event; one whose events mostly read nothing
 * spares them that, and enters it only where it logs or answers with it. It holds this
 * context alone, not a snapshot of the whole async frame, which a listener would keep
 * alive as long as its socket: the other stores stay empty inside it.
 */
export function captureContext(): RunInContext {
  const context = currentContext()
  return function runInCapturedContext<A extends unknown[], R>(
    fn: (...args: A) => R,
    ...args: A
  ): R {
    return storage.run(context, fn, ...args)
  }
}

/** The current context, or `undefined` outside a request. */
export function tryCurrentContext(): RequestContext | undefined {
  return storage.getStore()
}

/** The current context; throws outside a request, so a lost context fails loudly. */
export function currentContext(): RequestContext {
  const context = storage.getStore()
  if (context === undefined) {
    throw new Error(
      'No request context: call inside a request, a bound listener or captureContext()’s function'
    )
  }
  return context
}

/**
 * The current client's address (`client_addr_var.get()`); throws outside a request.
 * @example
 * const goodbye = () => `Good bye, client @ ${clientAddress()}\n`
 */
export const clientAddress = (): string => currentContext().client

/** The current request's id, as `x-request-id` and every log line carry it. */
export const requestId = (): string => currentContext().requestId
