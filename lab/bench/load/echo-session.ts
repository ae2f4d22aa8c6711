/** One client's echo session, whatever carries it: raw TCP, a streamed HTTP body, or a WebSocket. */

export interface EchoSession {
  /** Sends input: bytes of a stream, or one message. False when the caller should await drain(). */
  send(data: Buffer): boolean
  drain(): Promise<void>
  /** Ends the input: end of stream, or a blank message where there is no end of stream. */
  finish(): void
  /** Called as echoed lines arrive: how many, and when (performance.now()). */
  onLines: (count: number, at: number) => void
  /** Settles when the server has ended the session, with the last line it sent. */
  readonly closed: Promise<string>
}

export type Transport = 'tcp' | 'http' | 'websocket'

export interface Target {
  readonly port: number
  readonly transport: Transport
}

/** The address the bench presents as `cf-connecting-ip`, so the worker validates a real one. */
export const CLIENT_ADDRESS = '127.0.0.1'

/** The last complete line of recently received text, without its newline. */
export function lastLine(recent: string): string {
  const trimmed = recent.endsWith('\n') ? recent.slice(0, -1) : recent
  return trimmed.slice(trimmed.lastIndexOf('\n') + 1)
}
