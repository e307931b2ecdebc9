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
  let text: string;
  try {
    text = await Deno.readTextFile(path);
    const mode = (await Deno.stat(path)).mode;
    if (mode !== null && (mode & 0o077) !== 0) {
      throw new CaroError(
        `Refusing install key "${path}": its mode is ${(mode & 0o777).toString(8)}, expected 600`,
      );
    }
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
    const pair = await crypto.subtle.generateKey({ name: "Ed25519" }, true, [
      "sign",
      "verify",
    ]) as CryptoKeyPair;
    const jwk = await crypto.subtle.exportKey("jwk", pair.privateKey);
    await Deno.mkdir(dataDir, { recursive: true, mode: 0o700 });
    try {
      await Deno.writeTextFile(path, JSON.stringify(jwk) + "\n", { mode: 0o600, createNew: true });
    } catch (writeError) {
      // Another caro process created it first: use theirs.
      if (!(writeError instanceof Deno.errors.AlreadyExists)) throw writeError;
      return loadOrCreateInstallKey(dataDir);
    }
    text = JSON.stringify(jwk);
  }
  return importInstallKey(text, path);
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
