/**
 * The install's signing identity: one Ed25519 key pair per caro install,
 * created with WebCrypto on first use and kept in the data dir as a private
 * JWK (mode 0600). The public key is the install's only identity with the
 * healing service; the private key never leaves the machine.
 *
 * @module
 */
import { join } from "../../platform/path.ts";
import { CaroError } from "../../errors.ts";
import { readOrCreateSecretFile } from "../../platform/secret_file.ts";
import { fromBase64Url, type InstallKey } from "../../protocol/signed_request.ts";

/** File name of the install key inside caro's data dir. */
export const INSTALL_KEY_FILE = "install_key.jwk";

/**
 * Loads the install key from `dataDir`, creating it (mode 0600) on first use.
 * A key file with group/other permissions, or one that is not an Ed25519
 * private JWK, is refused with a one-line {@link CaroError} rather than
 * trusted or silently replaced. Two processes racing on first use end up with
 * the same key.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadOrCreateInstallKey } from "./install_key.ts";
 * const dir = await Deno.makeTempDir();
 * const first = await loadOrCreateInstallKey(dir);
 * const again = await loadOrCreateInstallKey(dir);
 * assert(first.publicKeyRaw.length === 32);
 * assert(first.publicKeyRaw.every((b, i) => b === again.publicKeyRaw[i]));
 * ```
 */
export async function loadOrCreateInstallKey(dataDir: string): Promise<InstallKey> {
  const path = join(dataDir, INSTALL_KEY_FILE);
  const bytes = await readOrCreateSecretFile(path, "install key", async () => {
    const pair = await crypto.subtle.generateKey({ name: "Ed25519" }, true, [
      "sign",
      "verify",
    ]) as CryptoKeyPair;
    const jwk = await crypto.subtle.exportKey("jwk", pair.privateKey);
    return new TextEncoder().encode(JSON.stringify(jwk) + "\n");
  });
  return importInstallKey(new TextDecoder().decode(bytes), path);
}

async function importInstallKey(text: string, path: string): Promise<InstallKey> {
  const refuse = (why: string) => new CaroError(`Refusing install key "${path}": ${why}`);
  let jwk: JsonWebKey;
  try {
    jwk = JSON.parse(text);
  } catch {
    throw refuse("not JSON (delete it to create a new install identity)");
  }
  const publicKeyRaw = typeof jwk.x === "string" ? fromBase64Url(jwk.x) : undefined;
  if (jwk.kty !== "OKP" || jwk.crv !== "Ed25519" || typeof jwk.d !== "string" || !publicKeyRaw) {
    throw refuse("not an Ed25519 private key (delete it to create a new install identity)");
  }
  try {
    const privateKey = await crypto.subtle.importKey("jwk", jwk, { name: "Ed25519" }, false, [
      "sign",
    ]);
    return { privateKey, publicKeyRaw };
  } catch (error) {
    throw new CaroError(`Refusing install key "${path}": the key does not import`, {
      cause: error,
    });
  }
}
