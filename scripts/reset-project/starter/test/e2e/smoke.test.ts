import { describe, expect, it } from 'vitest'
import { type LogLine, logMark, waitForLogLines } from './helpers/worker-log'
import { worker, workerUrl } from './helpers/worker-under-test'

const hello = (headers: Record<string, string>) => fetch(`${workerUrl()}/`, { headers })

/** The trace id that wrangler's local observability store filed the hello of `ray` under. */
async function filedUnder(ray: string): Promise<unknown> {
  const rows = await worker().query(`SELECT trace_id FROM logs WHERE message LIKE '%${ray}%'`)
  return rows[0]?.trace_id
}

describe('the Worker on a real port, as deployed', () => {
  it('says hello to the address in cf-connecting-ip', async () => {
    const response = await hello({ 'cf-connecting-ip': '198.51.100.1' })
    expect(await response.text()).toBe('Hello, client @ 198.51.100.1\n')
  })

  it("logs the trace the runtime files the line under, and a caller's trace beside it", async () => {
    const since = logMark()
    const caller = `00-${'c0ffee00'.repeat(4)}-00f067aa0ba902b7-01`
    await (await hello({ 'cf-ray': '00000000000000a1-AMS' })).text()
    await (await hello({ 'cf-ray': '00000000000000a2-AMS', traceparent: caller })).text()
    const isHello = (line: LogLine): line is LogLine => line.event === 'hello'
    const [own, called] = await waitForLogLines(since, 2, isHello)
    expect(own?.traceId).toBe(await filedUnder('00000000000000a1-AMS'))
    expect(called).toMatchObject({ traceId: 'c0ffee00'.repeat(4), traceSampled: true })
    expect(called?.cloudflareTraceId).toBe(await filedUnder('00000000000000a2-AMS'))
  })
})
