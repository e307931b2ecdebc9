import { deepEqual, equal } from "node:assert/strict";
import { makeScrubber, secretsOfUrl } from "./scrub.ts";

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

Deno.test("makeScrubber: home before secrets, then the sanitizer", () => {
  const scrub = makeScrubber({
    dirs: [["/home/ada", "~"], ["/srv/caro-home", "$CARO_HOME"]],
    secrets: ["gpu.corp.example", "ada"],
  });
  equal(scrub("/home/ada/.local/bin/zsh"), "~/.local/bin/zsh");
  equal(scrub("$X /srv/caro-home/config/config.toml"), "$X $CARO_HOME/config/config.toml");
  equal(scrub("http://gpu.corp.example:8000 for ada"), "http://<REDACTED>:8000 for <REDACTED>");
  equal(scrub("mail ops@example.org"), "mail <EMAIL>");
});
