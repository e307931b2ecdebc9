import { equal } from "node:assert/strict";
import { base62, crc32, tokenChecksumValid } from "./checksums.ts";

Deno.test("crc32 matches the standard check value", () => equal(crc32("123456789"), 0xcbf43926));

Deno.test("base62 pads to the width", () => equal(base62(0, 6), "000000"));

Deno.test("a GitHub-style token checksum is verified, a changed character fails", () => {
  const random = "Zx9Qk2LmN0pXv4TsYb7Kc1dEfGh3Jw";
  const token = `ghp_${random}${base62(crc32(random), 6)}`;
  equal(tokenChecksumValid(token), true);
  equal(tokenChecksumValid(token.replace("Zx9", "Zx8")), false);
});
