/**
 * The bounds on what the runtime holds for one WebSocket client: its session's own, and
 * those it shares with the other sessions of its isolate (and of its Durable Object).
 */
import type { EchoConfig } from '../echo-config'
import { echoCost, SendQueue } from '../protocol/send-budget'
import { type BoundName, type BudgetMember, SharedBudget } from '../protocol/shared-budget'

// One per value of the setting: a deployed isolate has one; tests may set others.
const isolateBudgets = new Map<number, SharedBudget>()

/** The budget every WebSocket session of this isolate shares, whichever endpoint holds it. */
export function sharedByIsolate(bytes: number): SharedBudget {
  let budget = isolateBudgets.get(bytes)
  if (!budget) {
    budget = new SharedBudget('isolate', bytes)
    isolateBudgets.set(bytes, budget)
  }
  return budget
}

/** The bound an echo would pass, for the error line. */
export interface PassedBound {
  readonly bound: BoundName
  readonly bytes: number
}

export class SocketBudget implements BudgetMember {
  held = 0
  /** True once the session has ended. */
  closed = false
  /** True once the socket is gone and its budget freed. */
  left = false
  readonly #queue = new SendQueue()
  /** A shared bound this session is to end for, at its next echo. */
  #endFor: SharedBudget | undefined

  constructor(
    readonly socket: WebSocket,
    readonly sessionBytes: number,
    readonly shared: readonly SharedBudget[]
  ) {
    this.held = this.recount()
    for (const budget of shared) budget.join(this)
  }

  get ended(): boolean {
    return this.closed || this.#endFor !== undefined
  }

  endOver(budget: SharedBudget): void {
    this.#endFor ??= budget
  }

  recount(): number {
    return this.#queue.held(this.socket.bufferedAmount)
  }

  /** The bound one more echo of `size` bytes would pass, once room is made; else undefined. */
  check(size: number): PassedBound | undefined {
    const held = this.recount()
    for (const budget of this.shared) budget.add(held - this.held)
    this.held = held
    const cost = echoCost(size)
    // Picked to end as the heaviest, as counted then: unless its client has read since.
    if (this.#endFor && !this.#endFor.fits(cost)) return this.#endFor
    this.#endFor = undefined
    if (held + cost > this.sessionBytes) return { bound: 'session', bytes: this.sessionBytes }
    for (const budget of this.shared) if (!budget.admit(this, cost)) return budget
    return undefined
  }

  sent(size: number): void {
    this.#queue.sent(size)
    const cost = echoCost(size)
    this.held += cost
    for (const budget of this.shared) budget.add(cost)
  }

  /** The socket is gone, and with it what the runtime held for it. */
  leave(): void {
    this.left = true
    for (const budget of this.shared) budget.leave(this)
  }
}

/**
 * The budgets of one Durable Object's sockets, by the id each socket's attachment carries.
 * The object rebuilds a session per event, but what a socket holds unread is counted in
 * memory: an object with echoes queued for a client does not hibernate, and after it has,
 * only what is still queued counts.
 */
export class ObjectSocketBudgets {
  readonly #bySocket = new Map<string, SocketBudget>()
  readonly #shared: readonly SharedBudget[]

  constructor(readonly config: EchoConfig) {
    const object = new SharedBudget('object', config.websocketObjectBudgetBytes)
    this.#shared = [sharedByIsolate(config.websocketIsolateBudgetBytes), object]
  }

  /** The budget of socket `socketId`, made at its first event here; `ended`: its session's. */
  of(ws: WebSocket, socketId: string, ended: boolean): SocketBudget {
    let budget = this.#bySocket.get(socketId)
    if (!budget) {
      budget = new SocketBudget(ws, this.config.websocketBudgetBytes, this.#shared)
      budget.closed = ended
      this.#bySocket.set(socketId, budget)
    }
    return budget
  }

  /** Forgets socket `socketId`'s budget once the socket is gone. */
  release(socketId: string): void {
    if (this.#bySocket.get(socketId)?.left) this.#bySocket.delete(socketId)
  }
}
