/**
 * The secret port: secrets every replica must share (the HMAC key that
 * names source-address buckets), made once by whichever process starts
 * first and read by the others.
 *
 * @module
 */

/** Shared secrets. */
export interface SecretPort {
  /**
   * The secret named `name`: the stored one, or `generated` stored now when
   * there is none yet (the first writer wins; every caller gets its value).
   */
  sharedSecret(name: string, generated: string): Promise<string>;
}
