import assert from "node:assert/strict";
import { DEFAULT_USER_AGENTS } from "../config.ts";
import { isAcceptedUserAgent } from "./user_agent.ts";

Deno.test("isAcceptedUserAgent() accepts the agents OCS accepts, any version", () => {
  for (
    const ua of [
      "OCS-NG_unified_unix_agent_v2.10.0",
      "OCS-NG_WINDOWS_AGENT_v2.10.1.0",
      "OCS-NG_windows_client_v4061",
      "FusionInventory-Agent_v2.6-3",
      "GLPI-Agent_v1.11",
      "OCS-NG_unified_unix_agent_v3.0.0",
    ]
  ) assert.ok(isAcceptedUserAgent(ua, DEFAULT_USER_AGENTS), ua);
});

Deno.test("isAcceptedUserAgent() refuses other clients and look-alike names", () => {
  for (
    const ua of ["", "curl/8.5.0", "Mozilla/5.0", "OCS-NG_unified_unix_agentX_v2", "Invalid_agent"]
  ) {
    assert.ok(!isAcceptedUserAgent(ua, DEFAULT_USER_AGENTS), ua);
  }
});
