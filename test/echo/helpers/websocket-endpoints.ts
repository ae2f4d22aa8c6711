/**
 * The WebSocket endpoints: one protocol, one transcript, two servers (the Worker itself,
 * and a Durable Object that can hibernate). Suites that hold for both run against each.
 */
export const WEBSOCKET_ENDPOINTS = [
  { path: '/ws', transport: 'websocket' },
  { path: '/ws/hibernating', transport: 'websocket-hibernating' },
] as const
