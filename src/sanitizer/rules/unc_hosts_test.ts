import { equal } from "node:assert/strict";
import { sanitizeText } from "../sanitize_text.ts";

// Reviewer finding: the server of a UNC path was kept.
const leaks: [string, string][] = [
  ["net use Z: \\\\fileserver.acme.corp\\projects", "net use Z: \\\\<HOST>\\projects"],
  ["\\\\fileserver.acme.corp\\home\\jdoe\\share", "\\\\<HOST>\\home\\<USER>\\share"],
];
for (const [input, expected] of leaks) {
  Deno.test(`a UNC server name is redacted, the share kept: ${input}`, () => {
    equal(sanitizeText(input).text, expected);
  });
}

Deno.test("escaped, long and share-less UNC forms lose their server too", () => {
  for (
    const [input, expected] of [
      [
        '{"path": "\\\\\\\\fileserver.acme.corp\\\\projects\\\\x"}',
        '{"path": "\\\\\\\\<HOST>\\\\projects\\\\x"}',
      ],
      ["dir \\\\?\\UNC\\nas01.corp.local\\share\\x", "dir \\\\?\\UNC\\<HOST>\\share\\x"],
      ["net view \\\\fileserver.acme.corp", "net view \\\\<HOST>"],
      ["copy \\\\nas.lan\\backup\\db.sql .", "copy \\\\<HOST>\\backup\\db.sql ."],
    ]
  ) equal(sanitizeText(input).text, expected);
});

Deno.test("NetBIOS names, local and public servers and look-alikes stay", () => {
  for (
    const text of [
      "net use Z: \\\\FILESRV01\\projects",
      "\\\\wsl.localhost\\Debian\\etc \\\\localhost\\c$\\x \\\\tsclient\\C",
      "copy \\\\files.example.com\\x\\y.txt .",
      '"pattern": "\\\\d+\\\\w\\\\s"',
      're.compile(r"\\\\bword\\\\b")',
      "C:\\\\Users\\x",
    ]
  ) equal(sanitizeText(text).text, text);
  equal(sanitizeText("\\\\10.0.0.5\\share").text, "\\\\<IP>\\share");
});
