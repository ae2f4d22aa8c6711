/** What one run measures: which servers in which cells, in what order each round. */
import type { Transport } from './load/echo-session.ts'

export type ServerId = 'worker' | 'noContext' | 'bare' | 'node' | 'asyncio'
/** The servers that run on workerd, each in a workerd process of its own. */
export type WorkerdServerId = 'worker' | 'noContext' | 'bare'
export type CellId =
  | 'http-ping-pong'
  | 'http-bulk'
  | 'websocket-ping-pong'
  | 'websocket-bulk'
  | 'hello'

export const SERVER_NAMES: Record<ServerId, string> = {
  worker: 'this template (Hono + context)',
  noContext: 'this template without its context',
  bare: 'bare Worker (no Hono)',
  node: 'Node floor',
  asyncio: 'asyncio tutorial',
}

/**
 * What the template is judged against, side by side: itself without its context
 * everywhere, and over WebSocket, where Hono is not on a message's path, the bare Worker too.
 */
export type Baseline = 'noContext' | 'bare'

export interface Cell {
  readonly id: CellId
  readonly mode: 'ping-pong' | 'bulk' | 'hello'
  /** What the Workers speak here; the Node and asyncio servers speak `floorTransport`. */
  readonly transport: Transport
  readonly servers: readonly ServerId[]
  readonly baselines: readonly Baseline[]
}

export const CELLS: readonly Cell[] = [
  {
    id: 'http-ping-pong',
    mode: 'ping-pong',
    transport: 'http',
    servers: ['worker', 'noContext', 'bare', 'node', 'asyncio'],
    baselines: ['noContext'],
  },
  {
    id: 'http-bulk',
    mode: 'bulk',
    transport: 'http',
    servers: ['worker', 'noContext', 'bare', 'node', 'asyncio'],
    baselines: ['noContext'],
  },
  {
    id: 'websocket-ping-pong',
    mode: 'ping-pong',
    transport: 'websocket',
    servers: ['worker', 'noContext', 'bare', 'node'],
    baselines: ['noContext', 'bare'],
  },
  {
    id: 'websocket-bulk',
    mode: 'bulk',
    transport: 'websocket',
    servers: ['worker', 'noContext', 'bare', 'node'],
    baselines: ['noContext', 'bare'],
  },
  {
    id: 'hello',
    mode: 'hello',
    transport: 'http',
    servers: ['worker', 'noContext', 'bare', 'node'],
    baselines: ['noContext'],
  },
]

/** Raw TCP for the line echoes of the servers that speak no HTTP; everything else as the cell says. */
export const transportOf = (cell: Cell, server: ServerId): Transport =>
  cell.mode !== 'hello' && cell.transport === 'http' && (server === 'node' || server === 'asyncio')
    ? 'tcp'
    : cell.transport

/** The servers in round `round`'s order: rotated each round, so none always goes first. */
export function roundOrder<T>(items: readonly T[], round: number): T[] {
  const shift = round % items.length
  return [...items.slice(shift), ...items.slice(0, shift)]
}
