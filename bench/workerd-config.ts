/** The capnp config that serves built Workers on `workerd serve`, with wrangler.toml's settings. */

export interface WorkerSettings {
  readonly compatibilityDate: string
  readonly compatibilityFlags: readonly string[]
  /** Plain-text vars, as `[vars]` declares them. */
  readonly vars: Readonly<Record<string, string>>
}

export interface ServedWorker {
  readonly name: string
  /** The ES module's file name, relative to the config file (capnp embeds resolve from there). */
  readonly module: string
  readonly port: number
}

const quote = (text: string): string => JSON.stringify(text)

/** One workerd config serving each Worker on its own loopback port. */
export function workerdConfig(workers: readonly ServedWorker[], settings: WorkerSettings): string {
  const flags = settings.compatibilityFlags.map(quote).join(', ')
  const bindings = Object.entries(settings.vars)
    .map(([name, value]) => `(name = ${quote(name)}, text = ${quote(value)})`)
    .join(', ')
  const services = workers.map((w) => `(name = ${quote(w.name)}, worker = .${w.name}Worker)`)
  const sockets = workers.map(
    (w) =>
      `(name = ${quote(w.name)}, address = "127.0.0.1:${w.port}", http = (), service = ${quote(w.name)})`
  )
  const definitions = workers.map(
    (w) => `const ${w.name}Worker :Workerd.Worker = (
  modules = [(name = ${quote(w.module)}, esModule = embed ${quote(w.module)})],
  compatibilityDate = ${quote(settings.compatibilityDate)},
  compatibilityFlags = [${flags}],
  bindings = [${bindings}],
);`
  )
  return `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [${services.join(', ')}],
  sockets = [${sockets.join(', ')}],
);

${definitions.join('\n\n')}
`
}
