/** The bindings only the tests have (vitest.config.ts), beside wrangler.toml's. */
declare namespace Cloudflare {
  interface Env {
    CONTEXT_PROBE_OBJECT: DurableObjectNamespace<
      import('./context/helpers/context-probes').ContextProbeObject
    >
    CONTEXT_PROBE: Service<import('./context/helpers/context-probes').ContextProbeService>
    CONTEXT_PROBE_QUEUE: Queue
  }
}
