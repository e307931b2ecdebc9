import { deepEqual, equal, notEqual } from "node:assert/strict";
import { consentVersion, fieldSetVersion, fieldsNotConsented } from "./consent_version.ts";
import { FIELDS_BY_LEVEL } from "../../protocol/report/consent_fields.ts";

Deno.test("adding one field changes the consent version; order does not", () => {
  const today = [...FIELDS_BY_LEVEL.standard];
  notEqual(fieldSetVersion([...today, "shell.plugins"]), fieldSetVersion(today));
  equal(fieldSetVersion([...today].reverse()), consentVersion("standard"));
});

Deno.test("only fields missing from the earlier consent are new", () => {
  deepEqual(fieldsNotConsented("full", FIELDS_BY_LEVEL.standard), [
    "request.text",
    "request.generated_command",
    "failure.error_message",
  ]);
  deepEqual(fieldsNotConsented("minimal", undefined), [...FIELDS_BY_LEVEL.minimal]);
});
