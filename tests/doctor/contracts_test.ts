/**
 * The JSON Schemas in contracts/ are exactly what the zod schemas generate
 * (`deno task contracts`), and every example payload in contracts/examples/
 * validates against both its JSON Schema and its zod schema. Report examples
 * respect their consent level, and Minimal ⊂ Standard ⊂ Full.
 */
import { deepEqual, equal, ok } from "node:assert/strict";
import { join } from "node:path";
import { CONTRACTS_DIR, driftedContracts, generatedContracts } from "../../tools/gen_contracts.ts";
import { schemaErrors } from "../_support/json_schema_check.ts";
import { DiagnosticReport, type WireReport } from "../../src/protocol/report/schema.ts";
import { FIELDS_BY_LEVEL, fieldsBeyondConsent } from "../../src/protocol/report/consent_fields.ts";
import { DoctorOutput } from "../../src/doctor/doctor_output_schema.ts";

const EXAMPLES = join(CONTRACTS_DIR, "examples");
const readJson = async (path: string) => JSON.parse(await Deno.readTextFile(path));

Deno.test("contracts/*.schema.json match the zod schemas (run deno task contracts)", async () => {
  deepEqual(await driftedContracts(), []);
});

Deno.test("the drift check notices a hand-edited schema", async () => {
  const dir = await Deno.makeTempDir();
  try {
    for (const [name, content] of Object.entries(generatedContracts())) {
      await Deno.writeTextFile(join(dir, name), content);
    }
    deepEqual(await driftedContracts(dir), []);
    const edited = join(dir, "doctor.schema.json");
    await Deno.writeTextFile(edited, (await Deno.readTextFile(edited)).replace('"ok"', '"fine"'));
    deepEqual(await driftedContracts(dir), ["doctor.schema.json"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("report examples: one per consent level, valid, within their consent", async () => {
  const schema = await readJson(join(CONTRACTS_DIR, "diagnostic-report.schema.json"));
  for (const level of ["minimal", "standard", "full"] as const) {
    const report: WireReport = await readJson(join(EXAMPLES, `report-${level}.json`));
    deepEqual(schemaErrors(schema, report), [], `report-${level}.json vs JSON Schema`);
    const parsed = DiagnosticReport.safeParse(report);
    ok(
      parsed.success,
      `report-${level}.json vs zod: ${parsed.success ? "" : JSON.stringify(parsed.error.issues)}`,
    );
    equal(report.consent_level, level);
    deepEqual(fieldsBeyondConsent(report), [], `report-${level}.json beyond consent`);
  }
  ok(FIELDS_BY_LEVEL.minimal.every((f) => FIELDS_BY_LEVEL.standard.includes(f)));
  ok(FIELDS_BY_LEVEL.standard.every((f) => FIELDS_BY_LEVEL.full.includes(f)));
});

Deno.test("a report example with a field beyond its level fails the consent check", async () => {
  const report: WireReport = await readJson(join(EXAMPLES, "report-full.json"));
  report.consent_level = "minimal";
  ok(fieldsBeyondConsent(report).includes("request.text"));
});

Deno.test("the doctor example validates against doctor.schema.json and zod", async () => {
  const schema = await readJson(join(CONTRACTS_DIR, "doctor.schema.json"));
  const example = await readJson(join(EXAMPLES, "doctor.json"));
  deepEqual(schemaErrors(schema, example), []);
  ok(DoctorOutput.safeParse(example).success);
  const broken = { ...example, checks: [{ ...example.checks[0], status: "green" }] };
  equal(schemaErrors(schema, broken).length > 0, true);
});
