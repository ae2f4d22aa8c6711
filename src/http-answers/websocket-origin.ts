/** The ws: or wss: origin that matches an http: or https: origin. */
export const toWebSocketOrigin = (origin: string): string => origin.replace(/^http/, 'ws')
