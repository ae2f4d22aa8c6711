/**
 * Tells a client that has gone from a bug. A read or write of the client's streams that
 * fails means the client hung up; anything else that throws in a session is the Worker's
 * own error, and is logged as one.
 */
export class ClientGoneError extends Error {
  override readonly name = 'ClientGoneError'
}

/** `io`, with its failure marked as the client gone. */
export function clientIo<T>(io: Promise<T>): Promise<T> {
  return io.catch((cause: unknown) => {
    throw new ClientGoneError('the client has gone', { cause })
  })
}
