import { env } from 'cloudflare:workers'
import { afterEach, describe, expect, it } from 'vitest'
import { runInContext } from '../../../src/context/context-storage'
import { callerContext } from '../../../src/context/crossings/rpc-context'
import type { RequestContext } from '../../../src/context/request-context'
import { captureLog } from '../helpers/captured-log'
import type { ProbeReport } from '../helpers/probes'
import { testContext } from '../helpers/test-context'

const context = (client: string): RequestContext => testContext(client)

// Both kinds of callee, each reached by RPC through a binding of the tests' own.
const callees: [string, (caller: unknown, label: string) => Promise<ProbeReport>][] = [
  [
    'a Durable Object (stub.method())',
    (caller, label) => env.CONTEXT_PROBE_OBJECT.getByName('rpc').whoAmI(caller, label),
  ],
  [
    'a WorkerEntrypoint over a service binding',
    (caller, label) => env.CONTEXT_PROBE.whoAmI(caller, label),
  ],
]

/** What a call rejected with, as text. Not `expect().rejects`, which an RPC promise fools into also reporting it unhandled. */
const refusal = (call: Promise<unknown>) =>
  call.then(
    () => 'resolved',
    (error: unknown) => String(error)
  )

let capture: ReturnType<typeof captureLog> | undefined
afterEach(() => capture?.restore())

describe.each(callees)('the context crossing by RPC to %s', (_name, whoAmI) => {
  it("runs the method inside the caller's context, which its log line carries", async () => {
    capture = captureLog()
    const sent = context('203.0.113.70')
    const report = await runInContext(sent, () => whoAmI(callerContext(), 'one'))
    expect(report).toEqual({ label: 'one', context: sent })
    expect(capture.lines).toEqual([{ event: 'probe', ...sent, label: 'one' }])
  })

  it('keeps concurrent callers apart, each in its own context', async () => {
    const clients = ['192.0.2.71', '2001:db8::71', '192.0.2.72']
    const reports = await Promise.all(
      clients.map((client) => runInContext(context(client), () => whoAmI(callerContext(), client)))
    )
    expect(reports).toEqual(clients.map((client) => ({ label: client, context: context(client) })))
  })

  it('is checked field by field in the callee, which refuses a forged client', async () => {
    capture = captureLog()
    const forged = { ...context('203.0.113.73'), client: 'evil.example' }
    expect(await refusal(whoAmI(forged, 'forged'))).toBe(
      'InvalidContextError: context field client is not valid: "evil.example"'
    )
    expect(capture.lines).toMatchObject([
      { event: 'context-error', errorName: 'InvalidContextError' },
    ])
  })

  it('is refused when the caller sends none', async () => {
    capture = captureLog()
    expect(await refusal(whoAmI(undefined, 'none'))).toBe(
      'InvalidContextError: context field client is not valid: undefined'
    )
  })
})
