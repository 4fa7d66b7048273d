import assert from "node:assert/strict";
import { recordedProbe } from "../probe.ts";
import { repository } from "./repository.ts";

Deno.test("repository: sources.list, .list and .sources files; other names ignored", async () => {
  const probe = recordedProbe({
    files: {
      "/etc/apt/sources.list": "deb http://deb.debian.org/debian bookworm main contrib\n",
      "/etc/apt/sources.list.d/debian.sources":
        "Types: deb\nURIs: http://deb.debian.org/debian\nSuites: bookworm-updates\nComponents: main\n",
      "/etc/apt/sources.list.d/extra.list":
        "deb [arch=amd64] https://repo.example/apt stable main\n" +
        "deb http://deb.debian.org/debian bookworm main\n",
      "/etc/apt/sources.list.d/old.list.disabled": "deb http://old.example/ x main\n",
    },
  });
  assert.deepEqual(await repository.collect(probe), [
    { BASEURL: "http://deb.debian.org/debian", NAME: "main" },
    { BASEURL: "http://deb.debian.org/debian", NAME: "contrib" },
    { BASEURL: "http://deb.debian.org/debian", NAME: "main" },
    { BASEURL: "https://repo.example/apt", NAME: "main" },
  ]);
  assert.equal(await repository.collect(recordedProbe({})), null);
});
