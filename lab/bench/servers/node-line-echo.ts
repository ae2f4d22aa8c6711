/**
 * The floor: the echo protocol over raw TCP in plain Node `net`, one write per received
 * chunk. Nothing Workers-shaped can beat it on this machine. Usage: node-line-echo.ts; it
 * listens on a port the system picks and reports it on fd 3, as workerd's --control-fd does.
 */
import { writeSync } from 'node:fs'
import { type AddressInfo, createServer, type Socket } from 'node:net'

const LF = 0x0a

const isBlank = (bytes: Buffer, start: number, end: number): boolean => {
  for (let i = start; i < end; i++) {
    const byte = bytes[i] as number
    if (byte !== 0x20 && (byte < 0x09 || byte > 0x0d)) return false
  }
  return true
}

function echoLines(socket: Socket): void {
  const goodbye = Buffer.from(`Good bye, client @ ${socket.remoteAddress}\n`)
  let pending = Buffer.alloc(0)
  let ended = false
  const end = (echo: Buffer) => {
    ended = true
    socket.end(Buffer.concat([echo, goodbye]))
  }
  socket.on('data', (chunk: Buffer) => {
    if (ended) return
    const bytes = pending.length > 0 ? Buffer.concat([pending, chunk]) : chunk
    let start = 0
    for (let lf = bytes.indexOf(LF); lf !== -1; lf = bytes.indexOf(LF, start)) {
      if (isBlank(bytes, start, lf + 1)) return end(bytes.subarray(0, start))
      start = lf + 1
    }
    if (start > 0) socket.write(bytes.subarray(0, start))
    pending = Buffer.from(bytes.subarray(start))
  })
  socket.on('end', () => {
    if (!ended) end(pending.length > 0 ? Buffer.concat([pending, Buffer.from('\n')]) : pending)
  })
  socket.on('error', () => socket.destroy())
}

const server = createServer({ noDelay: true }, echoLines).listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo
  writeSync(3, `${JSON.stringify({ event: 'listen', port })}\n`)
})
