/** Reads the echo's limits from the Worker's vars, refusing values that make no sense. */

export interface EchoConfig {
  /** Longest line or message echoed, in bytes, terminator included. */
  readonly maxLineBytes: number
  /** A session that receives nothing for this long ends with the goodbye. */
  readonly idleTimeoutMs: number
  /** What one WebSocket session may echo, in bytes, before it is ended: see protocol/send-budget.ts. */
  readonly websocketBudgetBytes: number
}

export interface EchoVars {
  readonly MAX_LINE_BYTES?: string
  readonly IDLE_TIMEOUT_SECONDS?: string
  readonly WEBSOCKET_BUDGET_BYTES?: string
}

// 20 MiB: a client that reads may send 16 MiB in lines of 512 bytes or more, while one that
// does not can make the runtime hold little more than this (docs/limits-and-security.md).
const DEFAULT_WEBSOCKET_BUDGET_BYTES = 20 * 1024 * 1024

function positiveInteger(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback
  const number = Number(value)
  if (!Number.isSafeInteger(number) || number <= 0) {
    throw new Error(`${name} must be a positive whole number, got "${value}"`)
  }
  return number
}

export function echoConfig(vars: EchoVars): EchoConfig {
  return {
    maxLineBytes: positiveInteger('MAX_LINE_BYTES', vars.MAX_LINE_BYTES, 65536),
    idleTimeoutMs: positiveInteger('IDLE_TIMEOUT_SECONDS', vars.IDLE_TIMEOUT_SECONDS, 300) * 1000,
    websocketBudgetBytes: positiveInteger(
      'WEBSOCKET_BUDGET_BYTES',
      vars.WEBSOCKET_BUDGET_BYTES,
      DEFAULT_WEBSOCKET_BUDGET_BYTES
    ),
  }
}
