/** The bindings only the tests have (vitest.config.ts), beside wrangler.toml's. */
declare namespace Cloudflare {
  interface Env {
    CONTEXT_PROBE_OBJECT: DurableObjectNamespace<import('./test-worker').ContextProbeObject>
    CONTEXT_PROBE: Service<import('./test-worker').ContextProbeService>
    CONTEXT_PROBE_QUEUE: Queue
  }
}
