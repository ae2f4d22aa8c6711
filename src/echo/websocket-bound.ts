/**
 * What bounds a WebSocket client: the bytes the runtime holds for it unread, against its
 * session's own budget and those it shares with the other sessions of its isolate (and of
 * its Durable Object). `send()` has no backpressure: each echo waits in workerd until the
 * client reads it, outside V8's heap, where no heap limit stops it. `bufferedAmount`
 * counts those bytes; each queued message also costs its queue entry, so the bound counts
 * the messages not yet read as well. A client that keeps reading holds next to nothing,
 * however much it echoes over a session's life.
 */
import type { EchoConfig } from './config'

export type BoundName = 'session' | 'isolate' | 'object'

/** The bound an echo would pass: the error line names it. */
export interface PassedBound {
  readonly bound: BoundName
  readonly bytes: number
}

// What workerd holds for each queued message besides its payload: about 100 bytes,
// measured with floods of short messages (docs/limits-and-security.md).
export const QUEUED_MESSAGE_OVERHEAD_BYTES = 128

const HOLDERS: Record<BoundName, string> = {
  session: 'this session',
  isolate: "this server's sessions",
  object: "this Durable Object's sessions",
}

/** The line that tells a client which bound its session would pass. */
export function renderOverBudget({ bound, bytes }: PassedBound): string {
  const most = bound === 'session' ? '' : ', this one the most'
  return `error: ${HOLDERS[bound]} would hold more than ${bytes} bytes unread${most}; reconnect to go on\n`
}

/**
 * A bound many sessions share. A session's own bound does not bound a crowd: eight
 * clients that read nothing hold eight budgets. When an echo would pass the shared bound,
 * the session that holds the most ends, never a lighter one first. A session that ended
 * still counts until its socket is gone: the runtime holds its echoes until then.
 */
export class SharedBound implements PassedBound {
  readonly #members = new Set<SocketBound>()
  total = 0

  constructor(
    readonly bound: BoundName,
    readonly bytes: number
  ) {}

  join(member: SocketBound): void {
    this.#members.add(member)
    this.total += member.held
  }

  leave(member: SocketBound): void {
    if (this.#members.delete(member)) this.total -= member.held
  }

  /**
   * Makes room for `cost` more bytes for `member`: past the bound, the live session that
   * holds the most is to end, at its own next message (an event of one request may not
   * touch, or even read, another request's socket, so others count as of their own last
   * event). False if that is `member` itself, which must end now.
   */
  admit(member: SocketBound, cost: number): boolean {
    if (this.total + cost <= this.bytes) return true
    let heaviest = member
    let most = member.held + cost
    for (const m of this.#members) {
      if (!m.ended && m.held > most) [heaviest, most] = [m, m.held]
    }
    if (heaviest === member) return false
    heaviest.endFor ??= this
    return true
  }
}

// One per value of the setting: a deployed isolate has one; tests may set others.
const isolateBounds = new Map<number, SharedBound>()

/** The bound every WebSocket session of this isolate shares, whichever endpoint holds it. */
export function isolateBound(bytes: number): SharedBound {
  let bound = isolateBounds.get(bytes)
  if (!bound) {
    bound = new SharedBound('isolate', bytes)
    isolateBounds.set(bytes, bound)
  }
  return bound
}

/** One client's bound: asked once per message, by take(). */
export class SocketBound {
  /** What the runtime held for this client when last counted, at its session's last event. */
  held = 0
  /** True once the session has ended: it echoes no more, but still counts until it leaves. */
  sessionEnded = false
  /** True once the socket is gone and what it held is freed. */
  left = false
  /** A shared bound this session is to end for, at its next message. */
  endFor: SharedBound | undefined
  readonly #own: PassedBound
  // Where each message not yet known to be read ends, in bytes sent so far.
  #sent = 0
  #ends: number[] = []
  #head = 0

  constructor(
    readonly socket: WebSocket,
    sessionBytes: number,
    readonly shared: readonly SharedBound[]
  ) {
    this.#own = { bound: 'session', bytes: sessionBytes }
    this.held = this.#recount()
    for (const bound of shared) bound.join(this)
  }

  get ended(): boolean {
    return this.sessionEnded || this.endFor !== undefined
  }

  /**
   * Counts an echo of `size` bytes about to be sent, or, if it would pass a bound once
   * room is made, counts nothing and returns that bound.
   */
  take(size: number): PassedBound | undefined {
    const held = this.#recount()
    const cost = size + QUEUED_MESSAGE_OVERHEAD_BYTES
    const { shared } = this
    for (const bound of shared) bound.total += held - this.held
    this.held = held
    if (this.endFor) {
      // Picked to end as the heaviest, as counted then: unless its client has read since.
      if (this.endFor.total + cost > this.endFor.bytes) return this.endFor
      this.endFor = undefined
    }
    if (held + cost > this.#own.bytes) return this.#own
    for (const bound of shared) if (!bound.admit(this, cost)) return bound
    this.#sent += size
    this.#ends.push(this.#sent)
    this.held += cost
    for (const bound of shared) bound.total += cost
    return undefined
  }

  /** The socket is gone, and with it what the runtime held for it. */
  leave(): void {
    this.left = true
    for (const bound of this.shared) bound.leave(this)
  }

  /** What the runtime holds now: the bytes not yet read, and a queue entry for each message. */
  #recount(): number {
    const buffered = this.socket.bufferedAmount
    const read = this.#sent - buffered
    const ends = this.#ends
    while (this.#head < ends.length && (ends[this.#head] as number) <= read) this.#head++
    if (this.#head > 1024 && this.#head * 2 > ends.length) {
      this.#ends = ends.slice(this.#head)
      this.#head = 0
    }
    return buffered + (this.#ends.length - this.#head) * QUEUED_MESSAGE_OVERHEAD_BYTES
  }
}

/**
 * The bounds of one Durable Object's sockets, by the id each socket's attachment carries.
 * The object rebuilds a session per event, but what a socket holds unread is counted in
 * memory: an object with echoes queued for a client does not hibernate, and after it has,
 * only what is still queued counts.
 */
export class ObjectBounds {
  readonly #bySocket = new Map<string, SocketBound>()
  readonly #shared: readonly SharedBound[]

  constructor(readonly config: EchoConfig) {
    const object = new SharedBound('object', config.websocketObjectBudgetBytes)
    this.#shared = [isolateBound(config.websocketIsolateBudgetBytes), object]
  }

  /** The bound of socket `socketId`, made at its first event here; `ended`: its session's. */
  of(ws: WebSocket, socketId: string, ended: boolean): SocketBound {
    let bound = this.#bySocket.get(socketId)
    if (!bound) {
      bound = new SocketBound(ws, this.config.websocketBudgetBytes, this.#shared)
      bound.sessionEnded = ended
      this.#bySocket.set(socketId, bound)
    }
    return bound
  }

  /** Forgets socket `socketId`'s bound once the socket is gone. */
  release(socketId: string): void {
    if (this.#bySocket.get(socketId)?.left) this.#bySocket.delete(socketId)
  }
}
