import { equal, notEqual } from "node:assert/strict";
import { foldRequestShape, reportSignature, signatureText } from "./signature.ts";
import type { ClassifiableReport } from "./classify.ts";

const base: ClassifiableReport = {
  platform: { os: "linux", arch: "x86_64" },
  request: {
    intent_category: "file_management",
    shape: "delete logs older than 30 days in /var/log",
  },
  failure: {
    failure_type: "validation",
    stage: "validation",
    safety_patterns_triggered: ["rm-recursive"],
  },
};

Deno.test("signature: readable, versioned, per-category part", () => {
  equal(
    signatureText(base),
    "v1|validation|validation|-|file_management|rm-recursive|rule_gap|delete logs older than <NUM> days in <PATH>",
  );
  equal(
    signatureText({
      ...base,
      failure: { failure_type: "execution", stage: "execution", safety_patterns_triggered: [] },
      shell: { name: "fish" },
    }),
    "v1|execution|execution|-|file_management|-|platform_incompatibility|linux/fish",
  );
});

Deno.test("signature: folding makes the same problem one key; a different rule another", async () => {
  const a = await reportSignature(base);
  const b = await reportSignature({
    ...base,
    request: { ...base.request, shape: "Delete logs  older than 7 days in ~/app/logs" },
  });
  equal(a.key, b.key);
  equal(a.key.length, 16);
  const c = await reportSignature({
    ...base,
    failure: { ...base.failure, safety_patterns_triggered: ["find-delete"] },
  });
  notEqual(a.key, c.key);
});

Deno.test("fold: URLs, quoted strings, paths, hex and numbers", () => {
  equal(
    foldRequestShape(
      `fetch https://example.com/a?b=1 into 'my file' at C:\\Users\\x 0xFF 3.5 deadbeef12`,
    ),
    "fetch <URL> into <STR> at <PATH> <HEX> <NUM> <HEX>",
  );
  equal(foldRequestShape("keep <PATH> and <NUM>"), "keep <PATH> and <NUM>");
  equal(foldRequestShape("a|b"), "a|b");
});
