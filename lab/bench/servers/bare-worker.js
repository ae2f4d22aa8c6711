/**
 * The bench's bare Worker: the template's protocol (usage at GET /, the HTTP line echo,
 * the WebSocket echo, their limits, the send budget of each session and of the isolate's
 * sessions together, and the idle timeout) with no Hono and no AsyncLocalStorage. The goodbye takes the address as a parameter, which is exactly what
 * the context replaces. Written plainly, as a careful hand-rolled Worker would be.
 */
const LF = 0x0a
const DRAIN_MAX_BYTES = 1024 * 1024
const DRAIN_MAX_MS = 5000
// What a queued echo costs besides its bytes: the runtime's queue entry (send() has no
// backpressure). A session may hold its budget unread: bufferedAmount and these entries.
const QUEUED_MESSAGE_OVERHEAD_BYTES = 128
const encoder = new TextEncoder()
const NEWLINE = new Uint8Array([LF])
const TEXT = { 'content-type': 'text/plain; charset=utf-8' }

const isBlank = (bytes, start, end) => {
  for (let i = start; i < end; i++) {
    const byte = bytes[i]
    if (byte !== 0x20 && (byte < 0x09 || byte > 0x0d)) return false
  }
  return true
}

const isBlankText = (text) => {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code !== 0x20 && (code < 0x09 || code > 0x0d)) return false
  }
  return true
}

/** UTF-8 bytes of a string, counted without encoding it; lone surrogates count 3. */
const utf8Length = (text) => {
  let bytes = text.length
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x80) continue
    bytes += code < 0x800 ? 1 : 2
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1)
      if (next >= 0xdc00 && next <= 0xdfff) i++
    }
  }
  return bytes
}

const concat = (head, tail) => {
  const bytes = new Uint8Array(head.length + tail.length)
  bytes.set(head)
  bytes.set(tail, head.length)
  return bytes
}

const goodbye = (address) => `Good bye, client @ ${address}\n`

function usage(origin) {
  return `workers-context-echo: a line echo that says goodbye from per-request context.

Over HTTP (streamed request body; type lines, a blank line or Ctrl-D ends):
  curl -sN -T . ${origin}/echo

Over a WebSocket (one message per line):
  websocat ${origin.replace(/^http/, 'ws')}/ws

Every session ends with "Good bye, client @ <your address>".
`
}

/** One timer per session; a session that waits longer than `ms` for input calls `onIdle`. */
function watchdog(ms, onIdle) {
  let since = Date.now()
  let timer = setTimeout(check, ms)
  function check() {
    const left = Number.isNaN(since) ? ms : since + ms - Date.now()
    if (left <= 0) onIdle()
    else timer = setTimeout(check, left)
  }
  return {
    waiting: () => {
      since = Date.now()
    },
    busy: () => {
      since = Number.NaN
    },
    stop: () => clearTimeout(timer),
  }
}

async function echoLines(reader, writer, maxLineBytes, guard, ended) {
  let pending = null
  for (;;) {
    guard.waiting()
    const { done, value } = await reader.read()
    guard.busy()
    if (ended.value) return 'idle-timeout'
    if (done) {
      if (pending) await writer.write(concat(pending, NEWLINE))
      return 'end-of-input'
    }
    const bytes = pending ? concat(pending, value) : value
    pending = null
    let start = 0
    let end = 'more'
    for (let lf = bytes.indexOf(LF); lf !== -1; lf = bytes.indexOf(LF, start)) {
      if (lf + 1 - start > maxLineBytes) end = 'line-too-long'
      else if (isBlank(bytes, start, lf + 1)) end = 'blank-line'
      if (end !== 'more') break
      start = lf + 1
    }
    if (start > 0) await writer.write(bytes.subarray(0, start))
    if (end !== 'more') return end
    if (bytes.length - start > maxLineBytes) return 'line-too-long'
    if (start < bytes.length) pending = bytes.slice(start)
  }
}

async function drain(reader) {
  const deadline = Date.now() + DRAIN_MAX_MS
  let drained = 0
  while (drained <= DRAIN_MAX_BYTES) {
    let timer
    const timeout = new Promise((resolve) => {
      timer = setTimeout(resolve, deadline - Date.now(), { done: true })
    })
    const read = await Promise.race([reader.read(), timeout])
    clearTimeout(timer)
    if (read.done) return
    drained += read.value.length
  }
}

function httpEcho(request, address, env, ctx) {
  const maxLineBytes = Number(env.MAX_LINE_BYTES)
  const { readable, writable } = new IdentityTransformStream()
  const writer = writable.getWriter()
  const reader = request.body.getReader()
  const ended = { value: false }
  let idle
  const timedOut = new Promise((resolve) => {
    idle = resolve
  })
  const guard = watchdog(Number(env.IDLE_TIMEOUT_SECONDS) * 1000, () => {
    ended.value = true
    idle('idle-timeout')
  })
  const session = async () => {
    try {
      const end = await Promise.race([
        echoLines(reader, writer, maxLineBytes, guard, ended),
        timedOut,
      ])
      ended.value = true
      guard.stop()
      if (end === 'line-too-long') {
        await writer.write(encoder.encode(`error: line longer than ${maxLineBytes} bytes\n`))
      }
      await writer.write(encoder.encode(goodbye(address)))
      if (end === 'blank-line' || end === 'line-too-long') await drain(reader)
      await writer.close()
    } catch {
      guard.stop()
      writer.close().catch(() => {})
    }
  }
  ctx.waitUntil(session())
  return new Response(readable, { headers: TEXT })
}

// The clients of every session in the isolate may leave only so much unread between them.
// Past that, the session that holds the most ends, at its own next message: an event of
// one request may not touch another request's socket.
const crowd = { held: 0, sessions: new Set() }

function crowdAdmits(session, cost, bytes) {
  if (crowd.held + cost <= bytes) return true
  let heaviest = session
  let most = session.held + cost
  for (const other of crowd.sessions) {
    if (!other.ended && other.held > most) {
      heaviest = other
      most = other.held
    }
  }
  if (heaviest === session) return false
  heaviest.ended = true
  heaviest.overCrowd = true
  return true
}

function websocketEcho(address, env) {
  const maxLineBytes = Number(env.MAX_LINE_BYTES)
  const budget = Number(env.WEBSOCKET_BUDGET_BYTES)
  const crowdBudget = Number(env.WEBSOCKET_ISOLATE_BUDGET_BYTES)
  const [client, server] = Object.values(new WebSocketPair())
  server.binaryType = 'arraybuffer'
  server.accept()
  const session = { held: 0, ended: false, overCrowd: false }
  crowd.sessions.add(session)
  let ended = false
  // Where each echo not yet read ends, in bytes sent: what the client still has to read.
  let sent = 0
  let ends = []
  let head = 0
  const held = () => {
    const read = sent - server.bufferedAmount
    while (head < ends.length && ends[head] <= read) head++
    if (head > 1024 && head * 2 > ends.length) {
      ends = ends.slice(head)
      head = 0
    }
    return server.bufferedAmount + (ends.length - head) * QUEUED_MESSAGE_OVERHEAD_BYTES
  }
  const end = (code, reason) => {
    ended = true
    session.ended = true
    guard.stop()
    server.send(goodbye(address))
    server.close(code, reason)
  }
  const overCrowd = () => {
    server.send(
      `error: this server's sessions would hold more than ${crowdBudget} bytes unread, this one the most; reconnect to go on\n`
    )
    end(1008, 'over budget')
  }
  const leave = () => {
    if (crowd.sessions.delete(session)) crowd.held -= session.held
  }
  const guard = watchdog(Number(env.IDLE_TIMEOUT_SECONDS) * 1000, () => end(1000, 'idle timeout'))
  server.addEventListener('message', ({ data }) => {
    if (ended) return
    guard.waiting()
    const text = typeof data === 'string'
    const size = text ? utf8Length(data) : data.byteLength
    if (size > maxLineBytes) {
      server.send(`error: message longer than ${maxLineBytes} bytes\n`)
      end(1009, 'message too long')
      return
    }
    if (text ? isBlankText(data) : isBlank(new Uint8Array(data), 0, data.byteLength)) {
      end(1000, 'goodbye')
      return
    }
    const now = held()
    crowd.held += now - session.held
    session.held = now
    const cost = size + QUEUED_MESSAGE_OVERHEAD_BYTES
    if (session.overCrowd && crowd.held + cost > crowdBudget) {
      overCrowd()
      return
    }
    session.overCrowd = false
    session.ended = false
    if (now + cost > budget) {
      server.send(
        `error: this session would hold more than ${budget} bytes unread; reconnect to go on\n`
      )
      end(1008, 'over budget')
    } else if (!crowdAdmits(session, cost, crowdBudget)) {
      overCrowd()
    } else {
      server.send(data)
      sent += size
      ends.push(sent)
      session.held += cost
      crowd.held += cost
    }
  })
  server.addEventListener('close', ({ code, reason }) => {
    leave()
    if (ended || code === 1006) return
    const sendable = (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014)
    end(sendable || (code >= 3000 && code <= 4999) ? code : code === 1005 ? 1000 : 1002, reason)
  })
  server.addEventListener('error', leave)
  return new Response(null, { status: 101, webSocket: client })
}

export default {
  fetch(request, env, ctx) {
    const { pathname, origin } = new URL(request.url)
    const address = request.headers.get('cf-connecting-ip') ?? 'unknown'
    const method = request.method
    if (pathname === '/' && method === 'GET') return new Response(usage(origin), { headers: TEXT })
    if (pathname === '/echo' && (method === 'POST' || method === 'PUT')) {
      return httpEcho(request, address, env, ctx)
    }
    if (pathname === '/ws' && request.headers.get('upgrade')?.toLowerCase() === 'websocket') {
      return websocketEcho(address, env)
    }
    return new Response('Not found\n', { status: 404, headers: TEXT })
  },
}
