/**
 * `node:async_hooks` for the template without its context: the bench builds the template's
 * own source with this module in its place (wrangler's `alias`), so that the two bundles
 * differ by AsyncLocalStorage alone. One slot, set by every run(): code after an await
 * reads whatever the latest request stored, so under concurrency an answer may name
 * another client. That costs nothing and is what "no context" means; the bench checks
 * that each session ends with a goodbye, never whose.
 */
export class AsyncLocalStorage {
  #store

  run(store, fn, ...args) {
    this.#store = store
    return fn(...args)
  }

  getStore() {
    return this.#store
  }

  static bind(fn) {
    return fn
  }

  static snapshot() {
    return (fn, ...args) => fn(...args)
  }
}
