/**
 * `.github/workflows/release.yml` is GENERATED from this file, so its matrix
 * and the compile tasks cannot drift: both come from COMPILE_TARGETS in
 * src/cli/permissions.ts, and every build job runs
 * `deno task compile:<target>`, which bakes the flags from that module.
 *
 * Regenerate: `deno run --allow-write=.github tools/release_workflow.ts`
 * (tests/distribution/release_workflow_test.ts fails when the file differs).
 *
 * @module
 */
import { COMPILE_TARGETS } from "../src/cli/permissions.ts";
import { assetName } from "./compile.ts";

/** A YAML value of the subset the workflow uses. */
export type YamlValue = string | number | boolean | YamlValue[] | { [key: string]: YamlValue };

/** The path of the generated workflow, from the repository root. */
export const RELEASE_WORKFLOW_PATH = ".github/workflows/release.yml";

const DENO = "npx -y deno@2.9.6";

/**
 * The release workflow as data: on a `v*` tag, build + smoke-test each
 * target natively, then checksum and publish every binary.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { releaseWorkflow } from "./release_workflow.ts";
 * assert(JSON.stringify(releaseWorkflow()).includes("x86_64-pc-windows-msvc"));
 * ```
 */
export function releaseWorkflow(): { [key: string]: YamlValue } {
  return {
    name: "release",
    on: { push: { tags: ["v*"] } },
    permissions: { contents: "read" },
    jobs: {
      build: {
        name: "build ${{ matrix.name }}",
        "runs-on": "${{ matrix.runner }}",
        strategy: {
          "fail-fast": true,
          matrix: {
            include: COMPILE_TARGETS.map((t) => ({
              name: t.name,
              target: t.triple,
              runner: t.runner,
              asset: assetName(t),
            })),
          },
        },
        steps: [
          { uses: "actions/checkout@v4" },
          { uses: "actions/setup-node@v4", with: { "node-version": 22 } },
          {
            name: "Bundle, then compile with the baked permissions",
            shell: "bash",
            run: `${DENO} task compile:\${{ matrix.name }}`,
          },
          {
            name: "Smoke test",
            shell: "bash",
            run: [
              "./dist/${{ matrix.asset }} --version",
              "code=0; ./dist/${{ matrix.asset }} doctor --json > doctor.json || code=$?",
              'test "$code" -le 1',
              `${DENO} eval "JSON.parse(Deno.readTextFileSync('doctor.json'))"`,
            ].join("\n") + "\n",
          },
          {
            uses: "actions/upload-artifact@v4",
            with: { name: "${{ matrix.asset }}", path: "dist/${{ matrix.asset }}" },
          },
        ],
      },
      publish: {
        needs: "build",
        "runs-on": "ubuntu-latest",
        permissions: { contents: "write" },
        steps: [
          { uses: "actions/checkout@v4" },
          {
            uses: "actions/download-artifact@v4",
            with: { path: "dist", "merge-multiple": true },
          },
          {
            name: "Checksums",
            "working-directory": "dist",
            run: "sha256sum caro-* > SHA256SUMS\ncat SHA256SUMS\n",
          },
          {
            name: "Publish the release",
            env: { GH_TOKEN: "${{ github.token }}" },
            run:
              'gh release create "$GITHUB_REF_NAME" dist/caro-* dist/SHA256SUMS install.sh install.ps1 --title "caro $GITHUB_REF_NAME" --generate-notes\n',
          },
        ],
      },
    },
  };
}

const PLAIN = /^[A-Za-z0-9_$][A-Za-z0-9_ .\/${}@=-]*$/;

function scalar(value: string | number | boolean): string {
  if (typeof value !== "string") return String(value);
  return PLAIN.test(value) && !/^(true|false|null|[0-9.]+)$/.test(value)
    ? value
    : JSON.stringify(value);
}

/**
 * Writes a value of the subset as block-style YAML (2-space indents,
 * double-quoted scalars when plain is unsafe, `|` for multi-line strings).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { toYaml } from "./release_workflow.ts";
 * assert(toYaml({ a: [{ b: "c" }] }) === "a:\n  - b: c\n");
 * ```
 */
export function toYaml(value: YamlValue, indent = ""): string {
  if (Array.isArray(value)) {
    return value.map((item) => {
      const inner = toYaml(item, `${indent}  `);
      return `${indent}- ${inner.slice(indent.length + 2)}`;
    }).join("");
  }
  if (typeof value === "object") {
    return Object.entries(value).map(([key, item]) => {
      if (typeof item === "string" && item.includes("\n")) {
        const body = item.replace(/\n$/, "").split("\n").map((l) => `${indent}  ${l}\n`).join("");
        return `${indent}${key}: |\n${body}`;
      }
      if (typeof item === "object") return `${indent}${key}:\n${toYaml(item, `${indent}  `)}`;
      return `${indent}${key}: ${scalar(item)}\n`;
    }).join("");
  }
  return `${indent}${scalar(value)}\n`;
}

/**
 * The workflow file's full text.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { releaseWorkflowText } from "./release_workflow.ts";
 * assert(releaseWorkflowText().startsWith("# GENERATED"));
 * ```
 */
export function releaseWorkflowText(): string {
  return `# GENERATED by tools/release_workflow.ts from src/cli/permissions.ts: do not edit.\n${
    toYaml(releaseWorkflow())
  }`;
}

if (import.meta.main) {
  await Deno.mkdir(".github/workflows", { recursive: true });
  await Deno.writeTextFile(RELEASE_WORKFLOW_PATH, releaseWorkflowText());
}
