/**
 * How many bytes workerd's serializer takes for a value, header included: what the
 * documented 2 KiB attachment limit counts. Nothing reports it directly (node:v8's
 * serialize is not implemented), but workerd's own, larger local limit (16 KiB) fails
 * with the size in its message: pad the value past that limit, then subtract the pad.
 */
const PAD = 'x'.repeat(16 * 1024)
// `null` on its own: the two-byte header and a one-byte tag.
const NULL_SIZE = 3

function reportedSize(value: unknown): number {
  const [socket] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket]
  try {
    socket.serializeAttachment([PAD, value])
  } catch (error) {
    const size = /was (\d+) bytes/.exec(String(error))?.[1]
    if (size) return Number(size)
    throw error
  }
  throw new Error('the padded attachment was accepted: workerd raised its local limit')
}

export function serializedSize(value: unknown): number {
  return reportedSize(value) - reportedSize(null) + NULL_SIZE
}
