import { deepEqual, equal } from "node:assert/strict";
import { type ConsentInputs, decideConsent, describeRefusal } from "./decide_consent.ts";
import { consentVersion } from "./consent_version.ts";
import { FIELDS_BY_LEVEL } from "../../protocol/report/consent_fields.ts";

/** A person at a terminal, healing on, nothing remembered: the plain case. */
const BASE: ConsentInputs = {
  healingFlag: true,
  doNotTrack: false,
  enabled: true,
  configuredLevel: "standard",
  ci: false,
  interactive: true,
};

const ALWAYS_CURRENT: Partial<ConsentInputs> = {
  remember: "always",
  rememberedVersion: consentVersion("standard"),
};

const rows: [string, Partial<ConsentInputs>, ReturnType<typeof decideConsent>][] = [
  [
    "1 --no-healing beats everything, even --healing-consent",
    { healingFlag: false, consentFlag: "full", ...ALWAYS_CURRENT },
    { kind: "refuse", reason: "no-healing", row: 1, queueAllowed: false },
  ],
  [
    "2 DO_NOT_TRACK beats consent given up front",
    { doNotTrack: true, consentFlag: "full" },
    { kind: "refuse", reason: "do-not-track", row: 2, queueAllowed: false },
  ],
  [
    "3 CARO_HEALING_ENABLED=false beats a remembered Always",
    { enabled: false, ...ALWAYS_CURRENT },
    { kind: "refuse", reason: "disabled", row: 3, queueAllowed: false },
  ],
  [
    "4 --healing-consent sends without a TTY, in CI, over a remembered Never",
    { consentFlag: "minimal", interactive: false, ci: true, remember: "never" },
    { kind: "send", level: "minimal", source: "flag", row: 4, queueAllowed: true },
  ],
  [
    "5 a remembered Never refuses at a terminal",
    { remember: "never" },
    { kind: "refuse", reason: "remembered-never", row: 5, queueAllowed: false },
  ],
  [
    "6 a remembered Always for today's fields sends, even in CI without a TTY",
    { ...ALWAYS_CURRENT, ci: true, interactive: false },
    { kind: "send", level: "standard", source: "remembered", row: 6, queueAllowed: true },
  ],
  [
    "7 a remembered Always for an older field set is asked again, new fields only",
    {
      remember: "always",
      rememberedVersion: consentVersion("minimal"),
      rememberedFields: FIELDS_BY_LEVEL.minimal,
    },
    {
      kind: "prompt",
      level: "standard",
      newFields: FIELDS_BY_LEVEL.standard.filter((f) => !FIELDS_BY_LEVEL.minimal.includes(f)),
      row: 7,
      queueAllowed: false,
    },
  ],
  [
    "8 an outdated Always without a TTY is refused, not sent with new fields",
    { remember: "always", rememberedVersion: 1, interactive: false },
    { kind: "refuse", reason: "consent-outdated", row: 8, queueAllowed: false },
  ],
  [
    "8 an outdated Always in CI is refused even at a terminal",
    { remember: "always", rememberedVersion: 1, ci: true },
    { kind: "refuse", reason: "consent-outdated", row: 8, queueAllowed: false },
  ],
  [
    "9 CI set: never prompt",
    { ci: true },
    { kind: "refuse", reason: "ci", row: 9, queueAllowed: false },
  ],
  [
    "10 no TTY: never prompt",
    { interactive: false },
    { kind: "refuse", reason: "no-tty", row: 10, queueAllowed: false },
  ],
  [
    "10 a configured level is not consent",
    { interactive: false, configuredLevel: "full" },
    { kind: "refuse", reason: "no-tty", row: 10, queueAllowed: false },
  ],
  [
    "11 a person at a terminal is asked at the configured level",
    { configuredLevel: "full" },
    { kind: "prompt", level: "full", row: 11, queueAllowed: false },
  ],
];

for (const [name, inputs, expected] of rows) {
  Deno.test(`decision table row ${name}`, () => {
    deepEqual(decideConsent({ ...BASE, ...inputs }), expected);
  });
}

Deno.test("every refusal reason has its own line", () => {
  const reasons = [
    "no-healing",
    "do-not-track",
    "disabled",
    "remembered-never",
    "consent-outdated",
    "ci",
    "no-tty",
  ] as const;
  equal(new Set(reasons.map(describeRefusal)).size, reasons.length);
});
