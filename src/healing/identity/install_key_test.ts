import { deepEqual, equal, ok, rejects } from "node:assert/strict";
import { join } from "node:path";
import { INSTALL_KEY_FILE, loadOrCreateInstallKey } from "./install_key.ts";
import { signRequest, verifySignedRequest } from "../../protocol/signed_request.ts";

Deno.test("the install key is created once with mode 0600, reused, and signs verifiably", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const first = await loadOrCreateInstallKey(join(dir, "data"));
    const second = await loadOrCreateInstallKey(join(dir, "data"));
    deepEqual(first.publicKeyRaw, second.publicKeyRaw);
    if (Deno.build.os !== "windows") {
      equal((await Deno.stat(join(dir, "data", INSTALL_KEY_FILE))).mode! & 0o777, 0o600);
    }
    const request = { method: "POST", pathAndQuery: "/v1/reports", body: new Uint8Array([1]) };
    const now = Date.now();
    const headers = await signRequest(second, request, now);
    ok((await verifySignedRequest(new Headers(headers), request, now)).ok);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("two installs get different keys", async () => {
  const [a, b] = [await Deno.makeTempDir(), await Deno.makeTempDir()];
  try {
    const keyA = await loadOrCreateInstallKey(a);
    const keyB = await loadOrCreateInstallKey(b);
    ok(keyA.publicKeyRaw.some((byte, i) => byte !== keyB.publicKeyRaw[i]));
  } finally {
    await Deno.remove(a, { recursive: true });
    await Deno.remove(b, { recursive: true });
  }
});

Deno.test("concurrent first use yields one key", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const keys = await Promise.all([1, 2, 3, 4].map(() => loadOrCreateInstallKey(dir)));
    for (const key of keys) deepEqual(key.publicKeyRaw, keys[0].publicKeyRaw);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a key file readable by others is refused", async () => {
  if (Deno.build.os === "windows") return;
  const dir = await Deno.makeTempDir();
  try {
    await loadOrCreateInstallKey(dir);
    await Deno.chmod(join(dir, INSTALL_KEY_FILE), 0o644);
    await rejects(loadOrCreateInstallKey(dir), /expected 600/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a corrupt key file is refused with one line, not replaced", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(join(dir, INSTALL_KEY_FILE), '{"kty":', { mode: 0o600 });
    await rejects(loadOrCreateInstallKey(dir), /Refusing install key .*not JSON/);
    await Deno.writeTextFile(join(dir, INSTALL_KEY_FILE), '{"kty":"RSA"}', { mode: 0o600 });
    await rejects(loadOrCreateInstallKey(dir), /not an Ed25519 private key/);
    equal(await Deno.readTextFile(join(dir, INSTALL_KEY_FILE)), '{"kty":"RSA"}');
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
