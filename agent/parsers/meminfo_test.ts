import assert from "node:assert/strict";
import { memoryAndSwapMb, parseMeminfo } from "./meminfo.ts";

Deno.test("meminfo: values in kB and the agent's MB", () => {
  const values = parseMeminfo(`MemTotal:       24684096 kB
MemFree:        20000000 kB
SwapTotal:             0 kB
HugePages_Total:       0
`);
  assert.equal(values.MemTotal, 24684096);
  assert.equal(values.HugePages_Total, 0);
  assert.deepEqual(memoryAndSwapMb(values), { memory: 24105, swap: 0 });
});

Deno.test("meminfo: truncated and garbage input", () => {
  assert.deepEqual(parseMeminfo(""), {});
  assert.deepEqual(parseMeminfo("garbage\n\u0000:\nMemTotal: lots"), {});
  assert.deepEqual(memoryAndSwapMb(parseMeminfo("MemTotal:    2048")), {
    memory: 2,
    swap: undefined,
  });
});
