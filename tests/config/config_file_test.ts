import { deepEqual, equal, match, ok } from "node:assert/strict";
import { join } from "node:path";
import { formatConfigProblem, loadConfig, parseConfig } from "../../src/config/load_config.ts";
import { updateConfigKeys } from "../../src/config/write_config.ts";
import { caroDirs } from "../../src/platform/dirs.ts";

async function tempDirs() {
  const home = await Deno.makeTempDir({ prefix: "caro-config-" });
  return caroDirs((name) => (name === "CARO_HOME" ? home : undefined), "linux");
}

Deno.test("a valid file is read section by section", async () => {
  const dirs = await tempDirs();
  await Deno.mkdir(dirs.config, { recursive: true });
  await Deno.writeTextFile(
    join(dirs.config, "config.toml"),
    '[backend]\ntype = "ollama"\nmodel = "qwen"\n[safety]\nlevel = "strict"\nblock_sudo = true\n' +
      '[healing]\nenabled = false\nconsent_level = "full"\nconsent_version = 2\n',
  );
  const loaded = await loadConfig(dirs);
  equal(loaded.source, "caro");
  deepEqual(loaded.problems, []);
  deepEqual(loaded.config, {
    backend: { type: "ollama", model: "qwen" },
    safety: { level: "strict", block_sudo: true },
    healing: { enabled: false, consent_level: "full", consent_version: 2 },
  });
});

Deno.test("broken TOML: one problem with the file and line, defaults apply", async () => {
  const dirs = await tempDirs();
  await Deno.mkdir(dirs.config, { recursive: true });
  const file = join(dirs.config, "config.toml");
  await Deno.writeTextFile(file, '[healing]\nenabled = true\nendpoint = "https://x\n');
  const loaded = await loadConfig(dirs);
  equal(loaded.problems.length, 1);
  equal(loaded.problems[0].line, 3);
  match(formatConfigProblem(loaded.problems[0]), new RegExp(`^${file}:3: not valid TOML`));
  deepEqual(loaded.config.healing, {});
});

Deno.test("each wrong value is named by line and key; the right ones are kept", () => {
  const text = '[healing]\nenabled = "yes"\nconsent_level = "everything"\n' +
    'endpoint = "http://heal.example.org"\nshow_notifications = false\n[backend]\ntype = 7\n';
  const { config, problems } = parseConfig(text, "c.toml");
  deepEqual(problems.map(formatConfigProblem), [
    "c.toml:7: backend.type: expected one of embedded, ollama, vllm, mlx, openai_compatible",
    "c.toml:2: healing.enabled: expected true or false",
    "c.toml:3: healing.consent_level: expected one of minimal, standard, full",
    "c.toml:4: healing.endpoint: expected an https:// URL (http:// only to this machine: localhost, 127.x.x.x, [::1])",
  ]);
  deepEqual(config.healing, { show_notifications: false });
});

Deno.test("a section that is not a table is a problem, not a crash", () => {
  const { problems } = parseConfig('healing = "on"\n', "c.toml");
  deepEqual(problems, [{ file: "c.toml", key: "healing", message: "expected a [section]" }]);
});

Deno.test("the legacy cmdai file is read when caro has none", async () => {
  const dirs = await tempDirs();
  await Deno.mkdir(dirs.legacyConfig, { recursive: true });
  await Deno.writeTextFile(
    join(dirs.legacyConfig, "config.toml"),
    "[safety]\nlevel = 'permissive'\n",
  );
  const loaded = await loadConfig(dirs);
  equal(loaded.source, "legacy");
  equal(loaded.config.safety.level, "permissive");
});

Deno.test("unreadable files (a directory, bytes that are not UTF-8) are problems", async () => {
  const dirs = await tempDirs();
  await Deno.mkdir(join(dirs.config, "config.toml"), { recursive: true });
  const asDir = await loadConfig(dirs);
  match(formatConfigProblem(asDir.problems[0]), /config\.toml: cannot read/);

  const other = await tempDirs();
  await Deno.mkdir(other.config, { recursive: true });
  await Deno.writeFile(join(other.config, "config.toml"), new Uint8Array([0x5b, 0xff, 0xfe, 0x5d]));
  const binary = await loadConfig(other);
  equal(binary.problems.length, 1);
  deepEqual(binary.config.healing, {});
});

Deno.test("updating keys keeps comments and other sections, writes 0600", async () => {
  const dirs = await tempDirs();
  const file = join(dirs.config, "config.toml");
  await Deno.mkdir(dirs.config, { recursive: true });
  await Deno.writeTextFile(
    file,
    '# my settings\n[backend]\ntype = "ollama" # local\n\n[healing]\nenabled = true\n',
  );
  await updateConfigKeys(file, "healing", { remember: "always", consent_version: 3 });
  await updateConfigKeys(file, "healing", { enabled: undefined });
  equal(
    await Deno.readTextFile(file),
    '# my settings\n[backend]\ntype = "ollama" # local\n\n[healing]\nremember = "always"\n' +
      "consent_version = 3\n",
  );
  equal((await Deno.stat(file)).mode! & 0o777, 0o600);
  const loaded = await loadConfig(dirs);
  deepEqual(loaded.config.healing, { remember: "always", consent_version: 3 });
  const leftovers = [...Deno.readDirSync(dirs.config)].map((entry) => entry.name);
  deepEqual(leftovers, ["config.toml"]);
});

Deno.test("a value with quotes and backslashes round-trips through the file", async () => {
  const dirs = await tempDirs();
  const file = join(dirs.config, "config.toml");
  const contact = 'ada "the" \\ lovelace';
  await updateConfigKeys(file, "healing", { contact });
  const loaded = await loadConfig(dirs);
  equal(loaded.config.healing.contact, contact);
  ok(loaded.problems.length === 0);
});
