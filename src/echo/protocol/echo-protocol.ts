/**
 * The echo protocol, free of any transport: which line ends a session and what the
 * server says then. The goodbye reads the client from the context, never a parameter.
 */
import { clientAddress } from '../../context/context-storage'
import type { BoundName } from './shared-budget'

/** Why a session ended; one word in the session log line. */
export type SessionEnd =
  | 'blank-line'
  | 'end-of-input'
  | 'line-too-long'
  | 'over-budget'
  | 'client-closed'
  | 'client-gone'
  | 'idle-timeout'
  | 'error'
  | 'internal-error'

const isAsciiWhitespace = (byte: number): boolean => byte === 0x20 || (byte >= 0x09 && byte <= 0x0d)

/** True if `bytes[start, end)` is empty or only what Python's `bytes.strip()` removes. */
export function isBlankLine(bytes: Uint8Array, start = 0, end = bytes.length): boolean {
  for (let i = start; i < end; i++) {
    if (!isAsciiWhitespace(bytes[i] as number)) return false
  }
  return true
}

/** The same test for a text message. */
export function isBlankText(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    if (!isAsciiWhitespace(text.charCodeAt(i))) return false
  }
  return true
}

/** `render_goodbye()`: no arguments, the address comes from the current context. */
export function renderGoodbye(): string {
  return `Good bye, client @ ${clientAddress()}\n`
}

export function renderLineTooLong(maxLineBytes: number): string {
  return `error: line longer than ${maxLineBytes} bytes\n`
}

export function renderMessageTooLong(maxLineBytes: number): string {
  return `error: message longer than ${maxLineBytes} bytes\n`
}

const HOLDERS: Record<BoundName, string> = {
  session: 'this session',
  isolate: "this server's sessions",
  object: "this Durable Object's sessions",
}

/** Names the bound a session would pass: what the runtime may hold for clients, unread. */
export function renderOverBudget(bound: BoundName, budgetBytes: number): string {
  const most = bound === 'session' ? '' : ', this one the most'
  return `error: ${HOLDERS[bound]} would hold more than ${budgetBytes} bytes unread${most}; reconnect to go on\n`
}
