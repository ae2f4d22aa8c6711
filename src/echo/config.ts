/** Reads the echo's limits from the Worker's vars, refusing values that make no sense. */
import { InvalidSetting, parsedOnce } from '../context/invalid-setting'

export interface EchoConfig {
  /** Longest line or message echoed, in bytes, terminator included. */
  readonly maxLineBytes: number
  /** A session that receives nothing for this long ends with the goodbye. */
  readonly idleTimeoutMs: number
  /** What the runtime may hold unread for one WebSocket client (websocket-bound.ts). */
  readonly websocketBudgetBytes: number
  /** The same for all WebSocket sessions of an isolate together (websocket-bound.ts). */
  readonly websocketIsolateBudgetBytes: number
  /** The same for all sessions of one Durable Object (GET /ws/hibernating). */
  readonly websocketObjectBudgetBytes: number
}

export interface EchoVars {
  readonly MAX_LINE_BYTES?: string
  readonly IDLE_TIMEOUT_SECONDS?: string
  readonly WEBSOCKET_BUDGET_BYTES?: string
  readonly WEBSOCKET_ISOLATE_BUDGET_BYTES?: string
  readonly WEBSOCKET_OBJECT_BUDGET_BYTES?: string
}

// Small enough that a crowd of clients that read nothing cannot grow the isolate past what
// it may hold, on either endpoint, and large enough that no reader is cut (measured in
// docs/limits-and-security.md).
const MiB = 1024 * 1024
const DEFAULT_WEBSOCKET_BUDGET_BYTES = 8 * MiB
const DEFAULT_SHARED_BUDGET_BYTES = 16 * MiB

function positiveInteger(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback
  const number = Number(value)
  if (!Number.isSafeInteger(number) || number <= 0) {
    throw new InvalidSetting(name, 'a positive whole number', value)
  }
  return number
}

/** The echo's limits; throws InvalidSetting for a value that is not one. */
export const echoConfig = parsedOnce(function echoConfig(vars: EchoVars): EchoConfig {
  return {
    maxLineBytes: positiveInteger('MAX_LINE_BYTES', vars.MAX_LINE_BYTES, 65536),
    idleTimeoutMs: positiveInteger('IDLE_TIMEOUT_SECONDS', vars.IDLE_TIMEOUT_SECONDS, 300) * 1000,
    websocketBudgetBytes: positiveInteger(
      'WEBSOCKET_BUDGET_BYTES',
      vars.WEBSOCKET_BUDGET_BYTES,
      DEFAULT_WEBSOCKET_BUDGET_BYTES
    ),
    websocketIsolateBudgetBytes: positiveInteger(
      'WEBSOCKET_ISOLATE_BUDGET_BYTES',
      vars.WEBSOCKET_ISOLATE_BUDGET_BYTES,
      DEFAULT_SHARED_BUDGET_BYTES
    ),
    websocketObjectBudgetBytes: positiveInteger(
      'WEBSOCKET_OBJECT_BUDGET_BYTES',
      vars.WEBSOCKET_OBJECT_BUDGET_BYTES,
      DEFAULT_SHARED_BUDGET_BYTES
    ),
  }
})
