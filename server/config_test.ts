import assert from "node:assert/strict";
import { join } from "node:path";
import { ConfigError, resolveConfig } from "./config.ts";

Deno.test("resolveConfig() uses the embedded defaults: loopback:8080 and ./inventory-data", () => {
  const config = resolveConfig({ flags: {}, env: {} });
  assert.equal(config.hostname, "127.0.0.1");
  assert.equal(config.port, 8080);
  assert.equal(config.dataDir, "./inventory-data");
  assert.equal(config.databasePath, join("./inventory-data", "inventory.sqlite"));
  assert.equal(config.frequency, 0);
  assert.equal(config.prologFreq, 24);
  assert.equal(config.maxBodyBytes, 16 * 1024 * 1024);
  assert.equal(config.maxInflatedBytes, 128 * 1024 * 1024);
  assert.equal(config.durability, "full");
  assert.ok(config.userAgents.includes("OCS-NG_unified_unix_agent"));
});

Deno.test("resolveConfig() ranks flags over environment over config file over defaults", () => {
  const dir = Deno.makeTempDirSync();
  Deno.writeTextFileSync(
    join(dir, "config.json"),
    JSON.stringify({ "prolog-freq": 6, frequency: 3, listen: "0.0.0.0:9000" }),
  );
  const fileOnly = resolveConfig({ flags: { data: dir }, env: {} });
  assert.equal(fileOnly.prologFreq, 6);
  assert.equal(fileOnly.frequency, 3);
  assert.equal(fileOnly.port, 9000);
  const envOverFile = resolveConfig({ flags: { data: dir }, env: { INVENTORY_PROLOG_FREQ: "8" } });
  assert.equal(envOverFile.prologFreq, 8);
  assert.equal(envOverFile.frequency, 3);
  const flagOverEnv = resolveConfig({
    flags: { data: dir, "prolog-freq": "12" },
    env: { INVENTORY_PROLOG_FREQ: "8" },
  });
  assert.equal(flagOverEnv.prologFreq, 12);
});

Deno.test("resolveConfig() refuses invalid values with a message naming the setting", () => {
  const cases: [Record<string, string>, RegExp][] = [
    [{ listen: "nowhere" }, /listen must be HOST:PORT/],
    [{ listen: "127.0.0.1:70000" }, /listen must be HOST:PORT/],
    [{ "prolog-freq": "0" }, /prolog-freq must be at least 1/],
    [{ "prolog-freq": "abc" }, /--prolog-freq: "abc" is not a whole number/],
    [{ frequency: "-2" }, /frequency must be -1, 0/],
    [{ durability: "maybe" }, /durability must be/],
    [{ cert: "a.pem" }, /TLS needs both/],
    [{ "agent-user": "u" }, /needs both --agent-user and --agent-password/],
    [{ "accept-agent-tag": "perhaps" }, /is not true or false/],
  ];
  for (const [flags, message] of cases) {
    assert.throws(
      () => resolveConfig({ flags, env: {} }),
      (e: unknown) => e instanceof ConfigError && message.test(e.message),
    );
  }
});

Deno.test("resolveConfig() refuses an unreadable, invalid or unknown-key config file", () => {
  const dir = Deno.makeTempDirSync();
  assert.throws(
    () => resolveConfig({ flags: { config: join(dir, "missing.json") }, env: {} }),
    /Cannot read config file/,
  );
  Deno.writeTextFileSync(join(dir, "bad.json"), "{not json");
  assert.throws(
    () => resolveConfig({ flags: { config: join(dir, "bad.json") }, env: {} }),
    /is invalid/,
  );
  Deno.writeTextFileSync(join(dir, "typo.json"), JSON.stringify({ "prolog_freq": 3 }));
  assert.throws(
    () => resolveConfig({ flags: { config: join(dir, "typo.json") }, env: {} }),
    /unknown key "prolog_freq"/,
  );
});

Deno.test("resolveConfig() reads IPv6 listen addresses and lists", () => {
  const config = resolveConfig({
    flags: { listen: "[::1]:8443", "user-agents": "A, B ,," },
    env: {},
  });
  assert.equal(config.hostname, "::1");
  assert.equal(config.port, 8443);
  assert.deepEqual(config.userAgents, ["A", "B"]);
});

Deno.test("resolveConfig() reads the scheduler and alert settings, and refuses unusable ones", () => {
  const defaults = resolveConfig({ flags: {}, env: {} });
  assert.equal(defaults.scheduler, true);
  assert.equal(defaults.taskLeaseSeconds, 60);
  assert.equal(defaults.alertWebhook, null);
  assert.deepEqual(defaults.alertEmailTo, []);
  assert.equal(defaults.smtpTls, "auto");
  const set = resolveConfig({
    flags: { "alert-webhook": "https://hooks.example.org/x", "smtp-host": "mail.example.org" },
    env: {
      INVENTORY_SCHEDULER: "false",
      INVENTORY_TASK_LEASE: "5",
      INVENTORY_ALERT_EMAIL_TO: "a@example.org, b@example.org",
      INVENTORY_SMTP_PORT: "587",
    },
  });
  assert.equal(set.scheduler, false);
  assert.equal(set.taskLeaseSeconds, 5);
  assert.equal(set.alertWebhook, "https://hooks.example.org/x");
  assert.deepEqual(set.alertEmailTo, ["a@example.org", "b@example.org"]);
  assert.equal(set.smtpPort, 587);
  const cases: [Record<string, string>, RegExp][] = [
    [{ "task-lease": "0" }, /task-lease must be at least 1 second/],
    [{ "alert-webhook": "ftp://x" }, /alert-webhook must be an http/],
    [{ "alert-email-to": "a@example.org" }, /alert-email-to needs --smtp-host/],
    [{ "smtp-tls": "maybe" }, /smtp-tls must be one of auto, starttls, tls, none/],
    [{ "smtp-user": "u" }, /needs both --smtp-user and --smtp-password/],
    [{ "smtp-port": "70000" }, /smtp-port must be 1-65535/],
  ];
  for (const [flags, message] of cases) {
    assert.throws(
      () => resolveConfig({ flags, env: {} }),
      (e: unknown) => e instanceof ConfigError && message.test(e.message),
      JSON.stringify(flags),
    );
  }
});
