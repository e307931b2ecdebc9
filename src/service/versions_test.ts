import { ok } from "node:assert/strict";
import { compareVersions } from "./versions.ts";

Deno.test("versions: semver precedence, not string order", () => {
  ok(compareVersions("1.10.0", "1.9.9") > 0);
  ok(compareVersions("v2.0.0", "1.99.99") > 0);
  ok(compareVersions("1.3.0", "1.3") === 0);
  ok(compareVersions("1.3.0-rc.2", "1.3.0-rc.10") < 0);
  ok(compareVersions("1.3.0-alpha", "1.3.0-beta") < 0);
  ok(compareVersions("1.3.0+build5", "1.3.0") === 0);
});
