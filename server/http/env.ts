/** The per-request bindings and variables of our Hono apps. */

import type { RequestAuth } from "./request_auth.ts";

export interface AppEnv {
  Bindings: {
    /** The client's address. */
    ip: string;
  };
  Variables: {
    /** Who is asking, once a guard has resolved it (see `guards.ts`). */
    auth: RequestAuth | null;
    /** The urlencoded form of a console POST, read once (capped) by the CSRF check. */
    form: URLSearchParams;
    /** The multipart form (a file upload) of a console POST, read once (capped) by the CSRF check. */
    multipart: FormData;
  };
}
