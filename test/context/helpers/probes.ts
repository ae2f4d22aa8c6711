/**
 * What the tests' Worker (test/test-worker.ts) asks of the probes beside the crossings'
 * tests (`test/context/crossings/*.probe.ts`): the code on the other side of a binding
 * that only the tests have, where each crossing's test finds the context its code runs
 * in. A crossing deleted with its test and its probe leaves the others running.
 */
import type { RequestContext } from '../../../src/context/request-context'

/** What an RPC method answers: its label, and the context its body ran in. */
export interface ProbeReport {
  readonly label: string
  readonly context: RequestContext
}

export interface Probe {
  /** An RPC method of the probe object and the probe service (rpc-context). */
  readonly whoAmI?: (caller: unknown, label: string) => Promise<ProbeReport>
  /** The probe service's fetch(): the other side of a request (context-fetch). */
  readonly fetch?: ExportedHandlerFetchHandler<Env>
  /** The probe service's scheduled() (fresh-context). */
  readonly scheduled?: ExportedHandlerScheduledHandler<Env>
  /** The consumer of the tests' queue (queue-context). */
  readonly queue?: ExportedHandlerQueueHandler<Env>
}

/** The queue the tests produce to and consume from (vitest.config.ts). */
export const PROBE_QUEUE = 'context-probe'
