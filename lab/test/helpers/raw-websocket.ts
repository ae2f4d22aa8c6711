/**
 * A WebSocket spoken in raw frames over a raw connection, for Close frames that client
 * libraries refuse to send (codes RFC 6455 §7.4 does not allow on the wire).
 */
import { randomBytes } from 'node:crypto'
import { type RawConnection, rawConnection } from './raw-connection'

export interface ServerFrame {
  readonly opcode: number
  readonly payload: Buffer
}

export interface RawWebSocket {
  readonly connection: RawConnection
  /** Sends one masked frame, as a client must. */
  send(opcode: number, payload: Buffer): Promise<void>
  /** Waits until what the server sent contains `text`. */
  waitForText(text: string): Promise<void>
  /** Waits until the server has closed the connection; the frames it sent after the 101. */
  frames(timeoutMs?: number): Promise<ServerFrame[]>
}

export const TEXT = 0x1
export const CLOSE = 0x8

/** A Close frame's payload: `code` (none if undefined) and a reason. */
export function closePayload(code: number | undefined, reason = ''): Buffer {
  if (code === undefined) return Buffer.alloc(0)
  const payload = Buffer.alloc(2 + Buffer.byteLength(reason))
  payload.writeUInt16BE(code, 0)
  payload.write(reason, 2)
  return payload
}

function maskedFrame(opcode: number, payload: Buffer): Buffer {
  if (payload.length > 125) throw new Error('raw frames here carry at most 125 bytes')
  const mask = randomBytes(4)
  const masked = Buffer.from(payload.map((byte, i) => byte ^ (mask[i % 4] as number)))
  return Buffer.concat([Buffer.from([0x80 | opcode, 0x80 | payload.length]), mask, masked])
}

function parseFrames(bytes: Buffer): ServerFrame[] {
  const frames: ServerFrame[] = []
  let at = 0
  while (at + 2 <= bytes.length) {
    const opcode = (bytes[at] as number) & 0x0f
    let length = (bytes[at + 1] as number) & 0x7f
    let start = at + 2
    if (length === 126) {
      length = bytes.readUInt16BE(start)
      start += 2
    } else if (length === 127) {
      length = Number(bytes.readBigUInt64BE(start))
      start += 8
    }
    frames.push({ opcode, payload: bytes.subarray(start, start + length) })
    at = start + length
  }
  return frames
}

/** Opens `path` with a handshake of its own, as the client at `clientIp`. */
export async function rawWebSocket(
  httpUrl: string,
  path: string,
  clientIp: string
): Promise<RawWebSocket> {
  const connection = await rawConnection(httpUrl)
  const { host } = new URL(httpUrl)
  await connection.write(
    `GET ${path} HTTP/1.1\r\nHost: ${host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n` +
      `cf-connecting-ip: ${clientIp}\r\n\r\n`
  )
  const head = await connection.waitForBytes(12)
  if (!head.toString('latin1').startsWith('HTTP/1.1 101')) {
    throw new Error(`no 101 for ${path}: ${head.toString('latin1').slice(0, 200)}`)
  }
  return {
    connection,
    send: (opcode, payload) => connection.write(maskedFrame(opcode, payload)),
    async waitForText(text) {
      let received = await connection.waitForBytes(0)
      while (!received.includes(text)) received = await connection.waitForBytes(received.length + 1)
    },
    async frames(timeoutMs = 10_000) {
      const all = await connection.closed(timeoutMs)
      const end = all.indexOf('\r\n\r\n')
      return parseFrames(all.subarray(end + 4))
    },
  }
}
