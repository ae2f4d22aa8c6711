/**
 * A bound on what the runtime holds for many WebSocket clients at once: all the sessions
 * of an isolate, or of one Durable Object. A session's own bound does not bound a crowd:
 * eight clients that read nothing hold eight budgets. When an echo would pass the shared
 * bound, the session that holds the most ends, never a lighter one first. A session that
 * ended still counts until its socket is gone: the runtime holds its echoes until then.
 */

export type BoundName = 'session' | 'isolate' | 'object'

export interface BudgetMember {
  /** What the runtime held for this client when last counted, at the session's own last event. */
  held: number
  /** True once the session has ended or is to end: it still counts until its socket is gone. */
  readonly ended: boolean
  /**
   * Ends the session for passing `budget`, at its next echo: an event of one request may
   * not touch another request's socket, so the session ends itself, in its own context.
   */
  endOver(budget: SharedBudget): void
}

export class SharedBudget {
  readonly #members = new Set<BudgetMember>()
  #total = 0

  constructor(
    readonly bound: BoundName,
    readonly bytes: number
  ) {}

  join(member: BudgetMember): void {
    this.#members.add(member)
    this.#total += member.held
  }

  /** The socket is gone: what it held is freed. */
  leave(member: BudgetMember): void {
    if (this.#members.delete(member)) this.#total -= member.held
  }

  /** A member's count changed by `delta` bytes. */
  add(delta: number): void {
    this.#total += delta
  }

  /** True if `cost` bytes more keep the sessions within the bound. */
  fits(cost: number): boolean {
    return this.#total + cost <= this.bytes
  }

  /**
   * Makes room for `cost` more bytes for `member`: past the bound, the live session that
   * holds the most is to end. False if that is `member` itself, which must end now. Others
   * are counted as of their own last event: an event of one request may not even read
   * another request's socket.
   */
  admit(member: BudgetMember, cost: number): boolean {
    if (this.fits(cost)) return true
    let heaviest = member
    let most = member.held + cost
    for (const m of this.#members) {
      if (!m.ended && m.held > most) [heaviest, most] = [m, m.held]
    }
    if (heaviest === member) return false
    // It echoes no more; what it holds counts until its client reads it or goes.
    heaviest.endOver(this)
    return true
  }
}
