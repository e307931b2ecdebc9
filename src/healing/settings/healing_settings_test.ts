import { deepEqual, equal } from "node:assert/strict";
import { envFrom } from "../../platform/env.ts";
import { DEFAULT_HEALING_ENDPOINT } from "./healing_env.ts";
import { healingSettings } from "./healing_settings.ts";

Deno.test("env beats the file, the file beats the defaults, each tagged with its source", () => {
  const { settings, problems } = healingSettings(
    { enabled: true, consent_level: "full", endpoint: "https://file.example", remember: "always" },
    envFrom({
      CARO_HEALING_ENABLED: "0",
      CARO_HEALING_CONSENT: "Minimal",
      CARO_CONTACT_EMAIL: " ada@example.org ",
    }),
  );
  deepEqual(problems, []);
  deepEqual(settings.enabled, { value: false, source: "env", origin: "CARO_HEALING_ENABLED" });
  deepEqual(settings.consentLevel, {
    value: "minimal",
    source: "env",
    origin: "CARO_HEALING_CONSENT",
  });
  equal(settings.contact.value, "ada@example.org");
  deepEqual(settings.endpoint, {
    value: "https://file.example",
    source: "file",
    origin: "healing.endpoint",
  });
  deepEqual(settings.showNotifications, { value: true, source: "default" });
  equal(settings.remember.value, "always");
});

Deno.test("an unusable env value is one line, never fatal; CARO_HEALING_ENABLED fails closed", () => {
  const { settings, problems } = healingSettings(
    {},
    envFrom({
      CARO_HEALING_ENABLED: "maybe",
      CARO_HEALING_ENDPOINT: "ftp://x",
      CARO_HEALING_CONSENT: "",
    }),
  );
  deepEqual(problems, [
    'CARO_HEALING_ENABLED: expected true or false, got "maybe" (sending disabled)',
    'CARO_HEALING_ENDPOINT: expected an https:// URL (http:// only to this machine: localhost, 127.x.x.x, [::1]), got "ftp://x" (ignored)',
  ]);
  equal(settings.enabled.value, false, "only an explicit true enables");
  equal(settings.endpoint.value, DEFAULT_HEALING_ENDPOINT);
  equal(settings.consentLevel.source, "default");
});

Deno.test("a CARO_CONTACT_EMAIL that is no contact is one line and not used", () => {
  const { settings, problems } = healingSettings(
    { contact: "@ada" },
    envFrom({ CARO_CONTACT_EMAIL: "bad" }),
  );
  deepEqual(problems, [
    'CARO_CONTACT_EMAIL: expected an e-mail address, @x_handle or github:username, got "bad" (ignored)',
  ]);
  deepEqual(settings.contact, { value: "@ada", source: "file", origin: "healing.contact" });
});
