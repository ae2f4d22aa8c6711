/** Bulk: every client streams a whole file without waiting, as `cat file | curl -T -` does. */
import { Samples } from '../samples.ts'
import type { EchoSession, Target } from './echo-session.ts'
import { expectGoodbye, openSession, SESSION_TIMEOUT_MS, within } from './open-session.ts'
import type { EchoResult } from './ping-pong.ts'

/** A file cut into what one send() carries, and how many lines end in each piece. */
export interface BulkFile {
  readonly lines: number
  readonly pieces: readonly Buffer[]
  readonly linesBefore: readonly number[]
}

const fileLines = (count: number): Buffer[] =>
  Array.from({ length: count }, (_, i) =>
    Buffer.from(`${String(i).padStart(6, '0')} the quick brown fox jumps over the lazy dog\n`)
  )

/** The file in large pieces, cut wherever the size falls, as a pipe delivers it. */
export function chunkedFile(lineCount: number, chunkBytes: number): BulkFile {
  const bytes = Buffer.concat(fileLines(lineCount))
  const pieces: Buffer[] = []
  const linesBefore: number[] = []
  let lines = 0
  for (let at = 0; at < bytes.length; at += chunkBytes) {
    const piece = bytes.subarray(at, at + chunkBytes)
    linesBefore.push(lines)
    for (let lf = piece.indexOf(0x0a); lf !== -1; lf = piece.indexOf(0x0a, lf + 1)) lines++
    pieces.push(piece)
  }
  return { lines, pieces, linesBefore }
}

/** The file as one message per line, for a WebSocket. */
export function messageFile(lineCount: number): BulkFile {
  const pieces = fileLines(lineCount)
  return { lines: lineCount, pieces, linesBefore: pieces.map((_, i) => i) }
}

export async function bulk(
  target: Target,
  clients: number,
  file: BulkFile,
  timeoutMs: number
): Promise<EchoResult> {
  const sessions = await Promise.all(Array.from({ length: clients }, () => openSession(target)))
  const latencyMs = new Samples()
  const start = performance.now()
  await within(
    Promise.all(sessions.map((session) => bulkClient(session, file, latencyMs))),
    timeoutMs + SESSION_TIMEOUT_MS,
    'bulk'
  )
  return { lines: clients * file.lines, seconds: (performance.now() - start) / 1000, latencyMs }
}

async function bulkClient(session: EchoSession, file: BulkFile, latencyMs: Samples) {
  const sentAt = new Float64Array(file.pieces.length)
  let sentPieces = 0
  let echoed = 0
  let piece = 0
  session.onLines = (count, at) => {
    for (let n = 0; n < count && echoed < file.lines; n++, echoed++) {
      while (piece + 1 < sentPieces && (file.linesBefore[piece + 1] as number) <= echoed) piece++
      latencyMs.push(at - (sentAt[piece] as number))
    }
  }
  for (const data of file.pieces) {
    sentAt[sentPieces++] = performance.now()
    if (!session.send(data)) await session.drain()
  }
  session.finish()
  expectGoodbye(await session.closed)
  if (echoed !== file.lines) throw new Error(`echoed ${echoed} of ${file.lines} lines`)
}
