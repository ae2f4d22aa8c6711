/**
 * A websocat-style command-line client, written with `ws`, for the end-to-end tests.
 *
 * Usage: node websocat-like.ts URL [CLIENT_IP]
 *
 * Like websocat's default line mode: each stdin line goes out as one text message with
 * its `\n`, end of input sends a Close frame (1000), and each message received is
 * printed as one line (trailing `\n` or `\r\n` dropped, inner ones turned into spaces,
 * one `\n` added). Every event is also written to stderr as a JSON line, so a test can
 * see exactly what arrived. Exits 0 after a normal close, 1 otherwise.
 */
import WebSocket from 'ws'

const [url, clientIp] = process.argv.slice(2)
if (!url) {
  process.stderr.write('usage: websocat-like.ts URL [CLIENT_IP]\n')
  process.exit(2)
}

const trace = (event: Record<string, unknown>) => process.stderr.write(`${JSON.stringify(event)}\n`)

function messageToLine(data: Buffer): Buffer {
  let end = data.length
  if (end > 0 && data[end - 1] === 0x0a) end--
  if (end > 0 && data[end - 1] === 0x0d) end--
  const line = Buffer.alloc(end + 1, 0x0a)
  for (let i = 0; i < end; i++) {
    const byte = data[i] as number
    line[i] = byte === 0x0a || byte === 0x0d ? 0x20 : byte
  }
  return line
}

const socket = new WebSocket(url, {
  headers: clientIp ? { 'cf-connecting-ip': clientIp } : {},
  handshakeTimeout: 5000,
})

socket.on('open', () => {
  let pending = ''
  process.stdin.setEncoding('utf8')
  process.stdin.on('data', (chunk: string) => {
    pending += chunk
    for (let lf = pending.indexOf('\n'); lf !== -1; lf = pending.indexOf('\n')) {
      socket.send(pending.slice(0, lf + 1))
      pending = pending.slice(lf + 1)
    }
  })
  process.stdin.on('end', () => {
    if (pending) socket.send(pending)
    trace({ sent: 'close' })
    socket.close(1000)
  })
})

socket.on('message', (data: Buffer, binary: boolean) => {
  trace(binary ? { binary: data.toString('hex') } : { text: data.toString('utf8') })
  process.stdout.write(messageToLine(data))
})

socket.on('close', (code: number, reason: Buffer) => {
  trace({ close: code, reason: reason.toString('utf8') })
  process.exitCode = code === 1000 ? 0 : 1
  process.stdin.destroy()
})

socket.on('error', (error: Error) => {
  trace({ error: error.message })
  process.exitCode = 1
  process.stdin.destroy()
})
