/**
 * The request's shape (sent at standard consent, the default) never carries
 * what the sanitizer redacts: it is folded from the request as the sanitizer
 * leaves it. Folding first (lower case, cut at 256) hid vendor keys, JWTs and
 * non-ASCII user names from the sanitizer's rules. And a `--model` given on
 * the command line is sent only when the sanitizer finds nothing in it.
 * Secrets in realistic formats (AWS, Google, GitHub, JWT, SendGrid) are
 * searched for in the payload in any case.
 */
import { equal, ok } from "node:assert/strict";
import { prepareReport } from "../../../src/healing/report/prepare_report.ts";

const context = { platform: { os: "linux" as const, arch: "x86_64" as const } };

async function payloadFor(request: string, model?: string) {
  return await prepareReport(
    {
      request,
      failureType: "generation",
      stage: "inference",
      safetyPatterns: [],
      intent: "other",
      ...(model ? { backend: "ollama" as const, model } : {}),
    },
    context,
    { id: crypto.randomUUID(), nowMs: Date.UTC(2026, 11, 3), level: "standard", contact: null },
  );
}

const SECRETS = [
  "AIzaMptUsGr7CmY-uCu3ZR1zTOlUcR64cXQLioD",
  "AKIA4KHVDGAJGXBENYJQ",
  "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",
  "SG.ttn6kfaqdemqg3omjmyxhc.abm6jof8ddvvsbbhjaxfrwmf3dejqt0xryqnoflhwec",
  "eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
];

Deno.test("standard consent: no secret reaches the shape, in any case", async () => {
  for (const secret of SECRETS) {
    const jwt = secret.startsWith("eyJzdWI")
      ? `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.${secret}`
      : secret;
    const payload = await payloadFor(`use the key ${jwt} to upload the files`);
    const sent = payload.text.toLowerCase();
    ok(
      payload.report.request.shape?.includes("<SECRET"), // a JWT's standard header is kept (policy)
      payload.report.request.shape,
    );
    ok(!sent.includes(secret.toLowerCase().slice(0, 12)), `${secret} in ${payload.text}`);
    ok(Object.values(payload.summary).reduce((a, b) => a + b, 0) >= 1, "counted as redacted");
  }
});

Deno.test("standard consent: a profile path with a non-ASCII name keeps no part of the name", async () => {
  for (
    const path of ["C:\\Users\\Søren Delacroix\\Documents", "/Users/søren.delacroix/Documents"]
  ) {
    const payload = await payloadFor(`find files in ${path}`);
    ok(!/søren|delacroix|øren/i.test(payload.text), payload.report.request.shape);
  }
});

Deno.test("a --model the sanitizer would change, or holding a value redacted elsewhere, is not sent", async () => {
  const token = await payloadFor("list big files", "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");
  equal(token.report.backend?.model, undefined);
  ok(!token.text.includes("ghp_"));
  const named = await payloadFor("list files of jdoe in /home/jdoe/x", "llama3-jdoe-private");
  ok(!named.text.includes("jdoe"), named.text);
  const plain = await payloadFor("list big files", "qwen2.5-coder:7b");
  equal(plain.report.backend?.model, "qwen2.5-coder:7b");
});
