/**
 * HTTP requests from a chosen loopback address (127.0.0.2, 127.0.0.3 …: Linux routes all of
 * 127/8 to lo), so tests can play two clients on two addresses against one server. `fetch`
 * cannot pick its source address; `node:http` can.
 *
 * @module
 */

import http from "node:http";

/** A response read whole. */
export interface AddressedResponse {
  status: number;
  headers: Headers;
  text: string;
}

/** Sends one request to `url` from `localAddress`. */
export function requestFrom(
  localAddress: string,
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string | Uint8Array } = {},
): Promise<AddressedResponse> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const request = http.request({
      host: target.hostname,
      port: Number(target.port),
      path: target.pathname + target.search,
      method: init.method ?? "GET",
      headers: init.headers ?? {},
      localAddress,
    }, (response) => {
      const chunks: Uint8Array[] = [];
      response.on("data", (chunk: Uint8Array) => chunks.push(chunk));
      response.on("end", () => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(response.headers)) {
          for (const v of [value ?? []].flat()) headers.append(name, String(v));
        }
        resolve({
          status: response.statusCode ?? 0,
          headers,
          text: new TextDecoder().decode(
            chunks.length === 1 ? chunks[0] : new Uint8Array(chunks.flatMap((c) => [...c])),
          ),
        });
      });
      response.on("error", reject);
    });
    request.on("error", reject);
    if (init.body !== undefined) request.write(init.body);
    request.end();
  });
}

/** Signs in through the console's form from `localAddress`; the response of the POST. */
export async function formSignInFrom(
  localAddress: string,
  baseUrl: string,
  login: string,
  password: string,
): Promise<AddressedResponse> {
  const page = await requestFrom(localAddress, `${baseUrl}/login`);
  const cookie = page.headers.get("set-cookie")?.split(";")[0] ?? "";
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? "";
  return requestFrom(localAddress, `${baseUrl}/login`, {
    method: "POST",
    headers: {
      cookie,
      origin: baseUrl,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams({ _csrf: csrf, login, password }).toString(),
  });
}
