/**
 * What the Worker threw where nobody catches it, such as a WebSocket listener that reads a
 * context it lost: workerd reports it as an `error` event on the global scope, and the
 * client waiting for an answer would otherwise wait until the test times out. Waits race
 * against it, and test/setup/uncaught-errors.ts fails any test after which one was seen.
 */
type Listener = (error: Error) => void

const listeners = new Set<Listener>()
const seen: Error[] = []

function report(message: string): void {
  const error = new Error(`the Worker threw where nothing catches it: ${message}`)
  seen.push(error)
  for (const listener of listeners) listener(error)
}
// workerd dispatches `error` on the global scope, though its types name only the others.
;(globalThis as unknown as EventTarget).addEventListener('error', (event) =>
  report((event as ErrorEvent).message)
)
globalThis.addEventListener('unhandledrejection', (event) =>
  report(String((event as PromiseRejectionEvent).reason))
)

/** `promise`, or a rejection at once with the first uncaught error of the Worker meanwhile. */
export function orUncaughtError<T>(promise: Promise<T>): Promise<T> {
  let listener: Listener = () => {}
  const failed = new Promise<never>((_resolve, reject) => {
    listener = reject
    listeners.add(listener)
  })
  return Promise.race([promise, failed]).finally(() => listeners.delete(listener))
}

/** The uncaught errors seen since the last call, and forgets them. */
export function takeUncaughtErrors(): Error[] {
  return seen.splice(0)
}
