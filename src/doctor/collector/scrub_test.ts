import { deepEqual, equal, throws } from "node:assert/strict";
import { makeScrubber, secretsOfUrl } from "./scrub.ts";
import { sanitizeText } from "../../sanitizer/mod.ts";

Deno.test("secretsOfUrl: the value, its host, user and password; never loopback", () => {
  deepEqual(secretsOfUrl("http://ada:s3cret@proxy.corp.example:3128"), [
    "http://ada:s3cret@proxy.corp.example:3128",
    "proxy.corp.example",
    "ada",
    "s3cret",
  ]);
  deepEqual(secretsOfUrl("127.0.0.1:11434"), ["127.0.0.1:11434"]);
  deepEqual(secretsOfUrl(undefined), []);
});

const known = {
  dirs: [["/home/ada", "~"], ["/srv/caro-home", "$CARO_HOME"]] as [string, string][],
  secrets: ["gpu.corp.example", "ada"],
};

Deno.test("scrub.path: known dirs named, system dirs kept, anything else cut", () => {
  const scrub = makeScrubber(known);
  equal(scrub.path("/home/ada/.local/bin/zsh"), "~/.local/bin/zsh");
  equal(scrub.path("/home/adamant/bin/zsh"), "…/zsh");
  equal(scrub.path("/srv/caro-home/config/config.toml"), "$CARO_HOME/config/config.toml");
  equal(scrub.path("/usr/local/bin/fish"), "/usr/local/bin/fish");
  equal(scrub.path("/Users/grace/bin/zsh"), "…/zsh");
  equal(scrub.path("C:\\Windows\\System32\\cmd.exe"), "C:\\Windows\\System32\\cmd.exe");
});

Deno.test("scrub.text: known values first, then the sanitizer", () => {
  const scrub = makeScrubber(known, (text) => sanitizeText(text).text);
  equal(
    scrub.text("http://gpu.corp.example:8000 for ada"),
    "http://<REDACTED>:8000 for <REDACTED>",
  );
  equal(scrub.text("mail ops@example.org"), "mail <EMAIL>");
  equal(scrub.known("/home/ada/x on gpu.corp.example"), "~/x on <REDACTED>");
  throws(() => makeScrubber(known).text("x"), /without the sanitizer/);
});

Deno.test("the login name is <USER> where it stands as a word: a model's namespace, not inside other words", () => {
  const scrub = makeScrubber({
    dirs: [["/home/sdelacroix", "~"]],
    secrets: [],
    users: ["sdelacroix"],
  });
  equal(
    scrub.known("models: SDelacroix/private:latest, llama3:8b"),
    "models: <USER>/private:latest, llama3:8b",
  );
  equal(scrub.path("/home/sdelacroix/models/x.gguf"), "~/models/x.gguf");
  const short = makeScrubber({ dirs: [], secrets: [], users: ["al"] });
  equal(short.known("al/x in canal"), "al/x in canal", "two letters: too short to tell");
});
