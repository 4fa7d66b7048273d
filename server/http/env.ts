/** The per-request bindings our Hono apps receive from `Deno.serve`. */
export interface AppEnv {
  Bindings: {
    /** The client's address. */
    ip: string;
  };
}
