import assert from "node:assert/strict";
import { join } from "node:path";
import { cachedProbe, liveProbe, recordedProbe } from "./probe.ts";

Deno.test("liveProbe: paths under a root, missing files as null, no commands", async () => {
  const root = await Deno.makeTempDir({ prefix: "probe-" });
  try {
    await Deno.mkdir(join(root, "etc/apt"), { recursive: true });
    await Deno.writeTextFile(join(root, "etc/os-release"), "ID=debian\n");
    await Deno.writeFile(join(root, "etc/apt/bin"), new Uint8Array([0, 1, 2]));
    await Deno.symlink("os-release", join(root, "etc/link"));
    const messages: string[] = [];
    const probe = liveProbe({ root: `${root}/`, debug: (m) => messages.push(m) });
    assert.equal(await probe.readText("/etc/os-release"), "ID=debian\n");
    assert.deepEqual(await probe.readBytes("/etc/apt/bin"), new Uint8Array([0, 1, 2]));
    assert.equal(await probe.readText("/etc/missing"), null);
    assert.deepEqual(await probe.list("/etc"), ["apt", "link", "os-release"]);
    assert.deepEqual(await probe.list("/nope"), []);
    assert.equal(await probe.readLink("/etc/link"), "os-release");
    assert.equal(await probe.readLink("/etc/os-release"), null);
    const stat = await probe.stat("/etc/os-release");
    assert.equal(stat?.isFile, true);
    assert.equal(stat?.size, 10);
    assert.ok(stat?.mtimeMs);
    assert.equal((await probe.stat("/etc"))?.isDirectory, true);
    assert.equal(await probe.stat("/etc/missing"), null);
    assert.ok(((await probe.statfs("/"))?.total ?? 0) > 0);
    // A rooted probe runs no commands: the tree is fake, the machine's output would not match.
    assert.equal(await probe.run("true", []), null);
    // NotFound is normal and not logged.
    assert.deepEqual(messages, []);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("liveProbe: commands with output, failure, absence and timeout", async () => {
  const messages: string[] = [];
  const probe = liveProbe({ debug: (m) => messages.push(m), timeoutMs: 300 });
  assert.equal(await probe.run("sh", ["-c", "echo $LC_ALL"]), "C\n");
  assert.equal(await probe.run("sh", ["-c", "echo oops >&2; exit 3"]), null);
  assert.match(messages.at(-1)!, /exit 3: oops/);
  assert.equal(await probe.run("no-such-command-xyz", []), null);
  assert.match(messages.at(-1)!, /not installed/);
  const started = performance.now();
  assert.equal(await probe.run("sleep", ["5"]), null);
  assert.ok(performance.now() - started < 3000, "the timeout stops the command");
});

Deno.test("recordedProbe: files, directories, links, commands, stats", async () => {
  const probe = recordedProbe({
    files: { "/sys/class/net/eth0/mtu": "1500\n", "/bin/x": new Uint8Array([65]) },
    links: { "/sys/class/net/eth0/device/driver": "../../virtio_net" },
    commands: { "ip -j addr": "[]", "false": null },
    stats: { "/var/lib/dpkg/info/a.list": { mtimeMs: 1000, isFile: true } },
    statfs: { "/": { total: 10, free: 5 } },
  });
  assert.equal(await probe.readText("/sys/class/net/eth0/mtu"), "1500\n");
  assert.equal(await probe.readText("/bin/x"), "A");
  assert.deepEqual(await probe.list("/sys/class/net"), ["eth0"]);
  assert.deepEqual(await probe.list("/sys/class/net/eth0"), ["device", "mtu"]);
  assert.equal(await probe.readLink("/sys/class/net/eth0/device/driver"), "../../virtio_net");
  assert.equal((await probe.stat("/sys/class/net"))?.isDirectory, true);
  assert.equal((await probe.stat("/var/lib/dpkg/info/a.list"))?.mtimeMs, 1000);
  assert.equal(await probe.stat("/nope"), null);
  assert.equal(await probe.run("ip", ["-j", "addr"]), "[]");
  assert.equal(await probe.run("false", []), null);
  assert.equal(await probe.run("lspci", []), null);
  assert.deepEqual(probe.messages, ["not recorded: lspci"]);
  assert.deepEqual(await probe.statfs("/"), { total: 10, free: 5 });
});

Deno.test("cachedProbe: one read and one command per distinct request", async () => {
  let reads = 0;
  let runs = 0;
  const inner = recordedProbe({ files: { "/a": "x" }, commands: { "ip -j addr": "[]" } });
  const counting = {
    ...inner,
    readText: (p: string) => (reads++, inner.readText(p)),
    run: (c: string, a: string[]) => (runs++, inner.run(c, a)),
  };
  const probe = cachedProbe(counting);
  await Promise.all([probe.readText("/a"), probe.readText("/a"), probe.readText("/b")]);
  await Promise.all([probe.run("ip", ["-j", "addr"]), probe.run("ip", ["-j", "addr"])]);
  assert.equal(reads, 2);
  assert.equal(runs, 1);
});
