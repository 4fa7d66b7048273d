/** Test certificates made with openssl: a CA, and a server certificate it signs. */

import assert from "node:assert/strict";
import { join } from "node:path";

/** Paths of the files {@link makeCertificates} writes. */
export interface TestCertificates {
  ca: string;
  cert: string;
  key: string;
}

/**
 * Writes a CA and a certificate for localhost and 127.0.0.1 signed by it into `dir`
 * (rustls refuses a self-signed leaf, so tests need a real chain).
 */
export async function makeCertificates(dir: string): Promise<TestCertificates> {
  const out = { ca: join(dir, "ca.pem"), cert: join(dir, "cert.pem"), key: join(dir, "key.pem") };
  const caKey = join(dir, "ca.key");
  const csr = join(dir, "server.csr");
  const ext = join(dir, "server.ext");
  await Deno.writeTextFile(
    ext,
    "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n",
  );
  const steps = [
    `req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=TestCA -keyout ${caKey} -out ${out.ca}`,
    `req -newkey rsa:2048 -nodes -subj /CN=localhost -keyout ${out.key} -out ${csr}`,
    `x509 -req -in ${csr} -CA ${out.ca} -CAkey ${caKey} -CAcreateserial -days 2 -extfile ${ext} -out ${out.cert}`,
  ];
  for (const step of steps) {
    const result = await new Deno.Command("openssl", { args: step.split(" "), stderr: "piped" })
      .output();
    assert.equal(result.code, 0, new TextDecoder().decode(result.stderr));
  }
  return out;
}
