import assert from "node:assert/strict";
import { join } from "node:path";
import {
  decodeBody,
  decodeReply,
  decodeRequest,
  encodeBody,
  type InventoryContent,
  type InventoryRequest,
  writeInventoryReply,
  writePrologReply,
} from "../protocol/mod.ts";
import { ALL_CHECKSUM_BITS } from "./checksum.ts";
import { localTarget, type RunDeps, runOnce } from "./run.ts";
import { loadState, stateDirFor } from "./state.ts";
import { type Transport, TransportError } from "./transport.ts";

const SERVER = "http://ocs.test/ocsinventory";
const AT = new Date(2026, 10, 21, 4, 13, 18);

/** A scripted server: answers PROLOG with `prolog`, INVENTORY with `inventory` (or fails). */
function fakeWorld(content: () => InventoryContent) {
  const world = {
    prolog: "SEND" as "SEND" | "STOP",
    prologFreq: 12,
    accountUpdate: null as Record<string, string> | null,
    refuseInventory: false,
    sent: [] as { query: string; xml: string }[],
    collects: 0,
    logs: [] as string[],
  };
  const transport: Transport = {
    url: SERVER,
    send(xml) {
      const { request } = decodeRequest(new TextEncoder().encode(xml));
      world.sent.push({ query: request.query, xml });
      if (request.query === "PROLOG") {
        return Promise.resolve(decodeReply(encodeBody(
          writePrologReply({
            response: world.prolog,
            prologFreq: world.prologFreq,
            inventoryOnStartup: false,
            options: [],
          }),
          "zlib",
        )));
      }
      if (world.refuseInventory) {
        return Promise.reject(new TransportError("refused", "HTTP 500", { status: 500 }));
      }
      return Promise.resolve(decodeReply(encodeBody(
        writeInventoryReply({ accountUpdate: world.accountUpdate }),
        "zlib",
      )));
    },
    close() {},
  };
  const deps: RunDeps = {
    collect: () => {
      world.collects++;
      return Promise.resolve({ content: content(), report: [] });
    },
    openTransport: () => transport,
    hostname: () => "vm.example.org",
    now: () => AT,
    log: (m) => world.logs.push(m),
  };
  const lastInventory = () => {
    const last = world.sent.findLast((s) => s.query === "INVENTORY");
    return decodeRequest(new TextEncoder().encode(last!.xml)).request as InventoryRequest;
  };
  return { world, deps, lastInventory };
}

const machine = (free = "1000"): InventoryContent => ({
  HARDWARE: { NAME: "vm", MEMORY: "2048" },
  CPUS: [{ TYPE: "Xeon" }],
  DRIVES: [{ TYPE: "/", FREE: free }],
});

Deno.test("run: PROLOG, INVENTORY with every bit, then only what changed", async () => {
  const root = Deno.makeTempDirSync();
  let free = "1000";
  const { world, deps, lastInventory } = fakeWorld(() => machine(free));
  const first = await runOnce({ server: SERVER, stateRoot: root, tag: "Paris" }, deps);
  assert.deepEqual(world.sent.map((s) => s.query), ["PROLOG", "INVENTORY"]);
  assert.equal(first.deviceId, "vm-2026-11-21-04-13-18");
  assert.equal(first.newDeviceId, true);
  assert.equal(first.prolog, "SEND");
  assert.equal(first.sent, true);
  assert.equal(first.checksum, ALL_CHECKSUM_BITS);
  assert.equal(lastInventory().checksum, ALL_CHECKSUM_BITS);
  assert.deepEqual(lastInventory().accountInfo, { TAG: "Paris" });

  const dir = stateDirFor(root, SERVER);
  const state = loadState(dir, "vm");
  assert.equal(state.prologFreq, 12);
  assert.deepEqual(state.accountInfo, { TAG: "Paris" });
  assert.deepEqual(Object.keys(state.lastState!).sort(), ["CPUS", "DRIVES", "HARDWARE"]);

  free = "999";
  const second = await runOnce({ server: SERVER, stateRoot: root }, deps);
  assert.equal(second.newDeviceId, false);
  assert.equal(second.checksum, 1 | 512);
  assert.deepEqual(second.changed, ["HARDWARE", "DRIVES"]);
  // The TAG now comes from ocsinv.adm.
  assert.deepEqual(lastInventory().accountInfo, { TAG: "Paris" });
});

Deno.test("run: STOP sends nothing; a refused inventory saves no last_state", async () => {
  const root = Deno.makeTempDirSync();
  const { world, deps, lastInventory } = fakeWorld(() => machine());
  world.prolog = "STOP";
  world.prologFreq = 6;
  const stopped = await runOnce({ server: SERVER, stateRoot: root }, deps);
  assert.equal(stopped.prolog, "STOP");
  assert.equal(stopped.sent, false);
  assert.equal(world.collects, 0);
  const dir = stateDirFor(root, SERVER);
  assert.equal(loadState(dir, "vm").prologFreq, 6);
  assert.equal(loadState(dir, "vm").deviceId, stopped.deviceId);

  world.prolog = "SEND";
  world.refuseInventory = true;
  await assert.rejects(runOnce({ server: SERVER, stateRoot: root }, deps), TransportError);
  assert.equal(loadState(dir, "vm").lastState, null);

  world.refuseInventory = false;
  await runOnce({ server: SERVER, stateRoot: root }, deps);
  assert.equal(lastInventory().checksum, ALL_CHECKSUM_BITS, "resent in full after a failure");
});

Deno.test("run: --force skips the PROLOG and sets every bit", async () => {
  const root = Deno.makeTempDirSync();
  const { world, deps, lastInventory } = fakeWorld(() => machine());
  await runOnce({ server: SERVER, stateRoot: root }, deps);
  world.sent.length = 0;
  world.prolog = "STOP";
  const forced = await runOnce({ server: SERVER, stateRoot: root, force: true }, deps);
  assert.deepEqual(world.sent.map((s) => s.query), ["INVENTORY"]);
  assert.equal(forced.prolog, "skipped");
  assert.equal(lastInventory().checksum, ALL_CHECKSUM_BITS);
});

Deno.test("run: ACCOUNT_UPDATE rewrites ocsinv.adm; --tag still wins on the wire", async () => {
  const root = Deno.makeTempDirSync();
  const { world, deps, lastInventory } = fakeWorld(() => machine());
  await runOnce({ server: SERVER, stateRoot: root, tag: "Paris" }, deps);
  world.accountUpdate = { TAG: "Lyon", fields_3: "x" };
  const updated = await runOnce({ server: SERVER, stateRoot: root }, deps);
  assert.deepEqual(updated.accountUpdate, { TAG: "Lyon", fields_3: "x" });
  const dir = stateDirFor(root, SERVER);
  assert.deepEqual(loadState(dir, "vm").accountInfo, { TAG: "Lyon", fields_3: "x" });

  world.accountUpdate = null;
  await runOnce({ server: SERVER, stateRoot: root }, deps);
  assert.deepEqual(lastInventory().accountInfo, { TAG: "Lyon", fields_3: "x" });
  await runOnce({ server: SERVER, stateRoot: root, tag: "Nice" }, deps);
  assert.deepEqual(lastInventory().accountInfo, { TAG: "Nice", fields_3: "x" });
});

Deno.test("run: --local writes .ocs (zlib) or .xml; --stdout returns the XML; no server", async () => {
  const root = Deno.makeTempDirSync();
  const out = Deno.makeTempDirSync();
  const { world, deps } = fakeWorld(() => machine());
  const local = await runOnce({ server: SERVER, stateRoot: root, local: out, tag: "T" }, deps);
  assert.equal(world.sent.length, 0);
  assert.equal(local.server, null);
  assert.equal(local.file, join(out, "vm-2026-11-21-04-13-18.ocs"));
  const body = Deno.readFileSync(local.file!);
  assert.equal(decodeBody(body).encoding, "zlib");
  const request = decodeRequest(body).request as InventoryRequest;
  assert.equal(request.checksum, ALL_CHECKSUM_BITS);
  assert.deepEqual(request.accountInfo, { TAG: "T" });
  // Local runs keep their own state directory, as the OCS agent's __LOCAL__.
  assert.ok(Deno.statSync(join(root, "__LOCAL__", "ocsinv.conf")).isFile);

  const xmlFile = join(out, "inv.xml");
  const plain = await runOnce({ server: null, stateRoot: root, local: xmlFile }, deps);
  assert.equal(plain.file, xmlFile);
  assert.match(Deno.readTextFileSync(xmlFile), /^<\?xml/);

  const printed = await runOnce({ server: SERVER, stateRoot: root, stdout: true }, deps);
  assert.match(printed.xml!, /<QUERY>INVENTORY<\/QUERY>/);
  assert.equal(printed.file, undefined);
  assert.equal(world.sent.length, 0);
});

Deno.test("run: local targets by kind and extension", () => {
  const dir = Deno.makeTempDirSync();
  const id = "vm-2026-11-21-04-13-18";
  assert.deepEqual(localTarget(dir, id, false), { path: join(dir, `${id}.ocs`), plain: false });
  assert.deepEqual(localTarget(dir, id, true), { path: join(dir, `${id}.xml`), plain: true });
  assert.deepEqual(localTarget(join(dir, "a.OCS"), id, false), {
    path: join(dir, "a.OCS"),
    plain: false,
  });
  assert.deepEqual(localTarget(join(dir, "a.xml"), id, false), {
    path: join(dir, "a.xml"),
    plain: true,
  });
  assert.deepEqual(localTarget(join(dir, "new"), id, false), {
    path: join(dir, "new", `${id}.ocs`),
    plain: false,
  });
});
