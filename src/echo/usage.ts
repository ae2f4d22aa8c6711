/** Plain-text help: how to talk to the echo with curl and websocat, from the request's own origin. */

const websocketOrigin = (url: string): string => new URL(url).origin.replace(/^http/, 'ws')

export function renderUsage(url: string): string {
  const origin = new URL(url).origin
  return `workers-context-echo: a line echo that says goodbye from per-request context.

Over HTTP (streamed request body; type lines, a blank line or Ctrl-D ends):
  curl -sN -T . ${origin}/echo

Over a WebSocket (one message per line):
  websocat ${websocketOrigin(url)}/ws
The same, held by a Durable Object that hibernates while the socket is idle:
  websocat ${websocketOrigin(url)}/ws/hibernating

Every session ends with "Good bye, client @ <your address>".
`
}

export function renderUpgradeRequired(url: string): string {
  return `This endpoint speaks WebSocket. Connect with a WebSocket client, for example:
  websocat ${websocketOrigin(url).concat(new URL(url).pathname)}
`
}

export function renderMethodNotAllowed(allow: string): string {
  return `Method not allowed here. Use ${allow}; see GET / for usage.\n`
}
