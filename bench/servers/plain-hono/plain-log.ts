/** Plain Hono's log: the template's line, with who and which request passed in. */
import { env } from 'cloudflare:workers'
import { logSettings } from '../../../src/context/log-settings'
import type { RequestInfo } from './request-info'

type Fields = Readonly<Record<string, unknown>>

function line(event: string, info: RequestInfo, fields: Fields): object | string {
  const settings = logSettings(env)
  const { client, requestId, traceId, traceSampled } = info
  const stamped = settings.clientAddress
    ? { event, client, requestId, traceId, traceSampled, ...fields }
    : { event, requestId, traceId, traceSampled, ...fields }
  return settings.format === 'json' ? JSON.stringify(stamped) : stamped
}

export const log = (event: string, info: RequestInfo, fields: Fields = {}): void =>
  console.log(line(event, info, fields))

export function logError(event: string, info: RequestInfo, error: unknown): void {
  const details =
    error instanceof Error
      ? { error: error.message, errorName: error.name, stack: error.stack }
      : { error: String(error) }
  console.error(line(event, info, details))
}

export const goodbye = ({ client }: RequestInfo): string => `Good bye, client @ ${client}\n`
