/** Plain-text help: how to talk to the echo with curl and wscat, from the request's own origin. */

/** The ws: or wss: origin that matches an http: or https: origin. */
const toWebSocketOrigin = (origin: string): string => origin.replace(/^http/, 'ws')

export function renderUsage(url: string): string {
  const { origin } = new URL(url)
  const websocketOrigin = toWebSocketOrigin(origin)
  return `workers-context-echo: a line echo that says goodbye from per-request context.

Over HTTP (a streamed request body): type lines; a blank line ends the session,
and Ctrl-D then gives the prompt back (curl reads the terminal until then):
  curl -sN -T . ${origin}/echo
Piped input ends by itself:
  printf 'one\\ntwo\\n' | curl -sN -T - ${origin}/echo

Over a WebSocket (one message per line; websocat <url> works too, where installed):
  npx wscat -c ${websocketOrigin}/ws
The same, held by a Durable Object that hibernates while the socket is idle:
  npx wscat -c ${websocketOrigin}/ws/hibernating

Every session ends with "Good bye, client @ <your address>".
`
}

export function renderUpgradeRequired(url: string): string {
  const { origin, pathname } = new URL(url)
  return `This endpoint speaks WebSocket. Connect with a WebSocket client, for example:
  npx wscat -c ${toWebSocketOrigin(origin)}${pathname}
`
}
