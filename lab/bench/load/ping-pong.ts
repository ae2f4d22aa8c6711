/** Ping-pong: every client sends a line and waits for its echo before sending the next. */
import { Samples } from '../samples.ts'
import type { EchoSession, Target } from './echo-session.ts'
import { expectGoodbye, openSession, SESSION_TIMEOUT_MS, within } from './open-session.ts'

export interface EchoResult {
  readonly lines: number
  readonly seconds: number
  readonly latencyMs: Samples
}

const BLANK = Buffer.from('\n')

const linesFor = (client: number): Buffer[] =>
  Array.from({ length: 64 }, (_, i) =>
    Buffer.from(`client ${client} line ${i}: the quick brown fox jumps over the lazy dog\n`)
  )

export async function pingPong(target: Target, clients: number, ms: number): Promise<EchoResult> {
  const sessions = await Promise.all(Array.from({ length: clients }, () => openSession(target)))
  const latencyMs = new Samples()
  const start = performance.now()
  const deadline = start + ms
  const counts = await within(
    Promise.all(sessions.map((s, i) => pingPongClient(s, linesFor(i), deadline, latencyMs))),
    ms + SESSION_TIMEOUT_MS,
    'ping-pong'
  )
  return { lines: counts.reduce((a, b) => a + b, 0), seconds: ms / 1000, latencyMs }
}

async function pingPongClient(
  session: EchoSession,
  lines: Buffer[],
  deadline: number,
  latencyMs: Samples
): Promise<number> {
  let sent = 0
  let echoed = 0
  let sentAt = 0
  let finishing = false
  const sendNext = () => {
    sentAt = performance.now()
    if (sentAt >= deadline) {
      finishing = true
      session.send(BLANK)
    } else {
      session.send(lines[sent++ % lines.length] as Buffer)
    }
  }
  session.onLines = (_count, at) => {
    if (finishing) return session.finish()
    if (at <= deadline) {
      echoed++
      latencyMs.push(at - sentAt)
    }
    sendNext()
  }
  sendNext()
  expectGoodbye(await session.closed)
  return echoed
}
