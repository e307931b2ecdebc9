import { deepEqual, equal } from "node:assert/strict";
import { join } from "node:path";
import {
  CONTACTS_DIR,
  deleteContactsForCase,
  linkContactToCase,
  readContacts,
  saveContact,
} from "./contact_store.ts";
import { askContact, terminalLines } from "./ask_contact.ts";

Deno.test("contacts live apart, mode 0600, and go when their case's notice is done", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await saveContact(dir, { report_id: "r1", method: "email", value: "ada@example.org" });
    await saveContact(dir, { report_id: "r2", method: "github", value: "ada" });
    await saveContact(dir, { report_id: "r3", method: "twitter", value: "@ada" });
    await linkContactToCase(dir, "r1", "CARO-2026-0001");
    await linkContactToCase(dir, "r2", "CARO-2026-0002");
    if (Deno.build.os !== "windows") {
      equal((await Deno.stat(join(dir, CONTACTS_DIR, "r1.json"))).mode! & 0o777, 0o600);
    }
    equal(await deleteContactsForCase(dir, "CARO-2026-0001", ["r3"]), 2);
    deepEqual((await readContacts(dir)).map((c) => c.report_id), ["r2"]);
    equal(await deleteContactsForCase(dir, "CARO-2026-0001"), 0);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the contact question asks again with the reason, Enter means none", async () => {
  const typed = async function* (...lines: string[]) {
    yield* lines;
  };
  let screen = "";
  const write = (t: string) => (screen += t);
  deepEqual(await askContact({ lines: typed("ada", "github:ada"), write }), {
    method: "github",
    value: "ada",
  });
  equal(screen.match(/is not a contact/g)?.length, 1);
  equal(await askContact({ lines: typed(""), write }), null);
  equal(await askContact({ lines: typed("x", "y", "z", "ada@example.org"), write }), null);
});

Deno.test("terminal lines split on CR, LF and CRLF across reads", async () => {
  const chunks = ["ad", "a@example.org\r", "\n@x\rlast"].map((s) => new TextEncoder().encode(s));
  const stdin = {
    read(buffer: Uint8Array) {
      const chunk = chunks.shift();
      if (!chunk) return Promise.resolve(null);
      buffer.set(chunk);
      return Promise.resolve(chunk.length);
    },
  };
  const lines: string[] = [];
  for await (const line of terminalLines(stdin)) lines.push(line);
  deepEqual(lines, ["ada@example.org", "@x", "last"]);
});
