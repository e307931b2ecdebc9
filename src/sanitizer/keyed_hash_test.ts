import { equal, notEqual, rejects } from "node:assert/strict";
import { join } from "node:path";
import { HASH_KEY_FILE, importHashKey, keyedHash, loadOrCreateHashKey } from "./keyed_hash.ts";

Deno.test("the key is created once with mode 0600 and reused", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const first = await loadOrCreateHashKey(dir);
    const second = await loadOrCreateHashKey(dir);
    equal(await keyedHash(first, "/home/ada/p"), await keyedHash(second, "/home/ada/p"));
    if (Deno.build.os !== "windows") {
      equal((await Deno.stat(join(dir, HASH_KEY_FILE))).mode! & 0o777, 0o600);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("different installs hash the same path differently", async () => {
  const a = await importHashKey(new Uint8Array(32).fill(1));
  const b = await importHashKey(new Uint8Array(32).fill(2));
  notEqual(await keyedHash(a, "/home/ada/p"), await keyedHash(b, "/home/ada/p"));
  equal((await keyedHash(a, "x")).length, 16);
});

Deno.test("a key file readable by others is refused", async () => {
  if (Deno.build.os === "windows") return;
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeFile(join(dir, HASH_KEY_FILE), new Uint8Array(32), { mode: 0o644 });
    await Deno.chmod(join(dir, HASH_KEY_FILE), 0o644);
    await rejects(loadOrCreateHashKey(dir), /expected 600/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a key file of the wrong size is refused", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeFile(join(dir, HASH_KEY_FILE), new Uint8Array(7), { mode: 0o600 });
    await rejects(loadOrCreateHashKey(dir), /expected 32 bytes/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
