import { equal } from "node:assert/strict";
import * as nodePath from "node:path";
import { basename, dirname, join } from "./path.ts";

const SAMPLES = [
  ["/home/ada", ".config", "caro"],
  ["/home/ada/", "/x/", "y.json"],
  ["relative", "a", "b.txt"],
  ["/", "etc", "os-release"],
  ["/tmp/caro-x", "", "queue"],
];

Deno.test("join, dirname and basename agree with node:path on the paths caro builds", () => {
  for (const segments of SAMPLES) {
    const joined = join(...segments);
    equal(joined, nodePath.join(...segments), segments.join(" + "));
    equal(dirname(joined), nodePath.dirname(joined), joined);
    equal(basename(joined), nodePath.basename(joined), joined);
  }
  for (const path of ["/", "file", "/a/b/", "a/b", "/a"]) {
    equal(dirname(path), nodePath.dirname(path), path);
    equal(basename(path), nodePath.basename(path), path);
  }
});
