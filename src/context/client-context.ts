/**
 * The per-session context: the AsyncLocalStorage analogue of the tutorial's
 * `client_addr_var = contextvars.ContextVar('client_addr')`.
 */
import { AsyncLocalStorage } from 'node:async_hooks'

export interface ClientContext {
  readonly clientAddress: string
}

// Owned here rather than borrowed from Hono's contextStorage(), which keeps its store
// private: a Durable Object or a WebSocket listener must be able to re-enter it.
const storage = new AsyncLocalStorage<ClientContext>()

/** Runs `fn` with `context` as the current client context (`client_addr_var.set(addr)`). */
export function runWithClientContext<R>(context: ClientContext, fn: () => R): R {
  return storage.run(context, fn)
}

/**
 * Binds `fn` to the current context. workerd runs each WebSocket event in a fresh
 * async context, so listeners registered without this see no client at all.
 */
export function bindToClientContext<F extends (...args: never[]) => unknown>(fn: F): F {
  return AsyncLocalStorage.bind(fn)
}

/** The current client's address, or `undefined` outside a session. */
export function tryClientAddress(): string | undefined {
  return storage.getStore()?.clientAddress
}

/**
 * The current client's address (`client_addr_var.get()`); throws outside a session.
 * @example
 * const goodbye = () => `Good bye, client @ ${clientAddress()}\n`
 */
export function clientAddress(): string {
  const address = tryClientAddress()
  if (address === undefined) {
    throw new Error('No client context: call inside a request or a bound listener')
  }
  return address
}
