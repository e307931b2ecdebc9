import { deepEqual, equal, match } from "node:assert/strict";
import { join } from "node:path";
import { runCaro } from "../_support/run_caro.ts";
import { runExact } from "../_support/exact_runs.ts";

const NO_PERMISSIONS: string[] = [];

Deno.test("caro sanitize redacts stdin to stdout, summary on stderr", async () => {
  const result = await runCaro(["sanitize"], {
    stdin: "ssh deploy@10.0.4.7 -i /home/mgarcia/.ssh/id\nnode v20.11.1\n",
    permissions: NO_PERMISSIONS,
  });
  equal(result.code, 0);
  equal(result.stdout, "ssh deploy@<IP> -i /home/<USER>/.ssh/id\nnode v20.11.1\n");
  equal(result.stderr, "2 redacted: home_user 1, ipv4 1\n");
});

Deno.test("caro sanitize FILE reads the file", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const file = join(dir, "log.txt");
    await Deno.writeTextFile(file, "mail ada.l@example-corp.com");
    const result = await runCaro(["sanitize", file], { permissions: [`--allow-read=${dir}`] });
    equal(result.code, 0);
    equal(result.stdout, "mail <EMAIL>");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("caro sanitize on a missing file: one-line error, exit 1", async () => {
  const result = await runCaro(["sanitize", "/nonexistent/caro-input.txt"]);
  equal(result.code, 1);
  equal(result.stdout, "");
  equal(result.stderr, 'error: Cannot read "/nonexistent/caro-input.txt": no such file\n');
});

Deno.test("caro sanitize without read permission says so", async () => {
  const result = await runCaro(["sanitize", "/etc/hostname"], { permissions: NO_PERMISSIONS });
  equal(result.code, 1);
  // Since issue 15 the launcher grants only the files it is given: the message says what to run.
  match(
    result.stderr,
    /^error: Cannot read "\/etc\/hostname": caro is not allowed to read it .*Instead run: caro sanitize < \/etc\/hostname\n$/,
  );
});

Deno.test("caro sanitize --jsonl echoes ids in order with the output", async () => {
  const input = [
    { id: 7, text: "PGPASSWORD=Xk2pq9Ln psql -h db01.corp.internal" },
    { id: "b-2", text: "choco install git --version 2.43.0.1" },
    { id: 0, text: "café ☕ C:\\Users\\Søren Delacroix\\x" },
  ].map((r) => JSON.stringify(r)).join("\n") + "\n";
  const result = await runCaro(["sanitize", "--jsonl"], {
    stdin: input,
    permissions: NO_PERMISSIONS,
  });
  equal(result.code, 0);
  deepEqual(result.stdout.trimEnd().split("\n").map((l) => JSON.parse(l)), [
    { id: 7, output: "PGPASSWORD=<PASSWORD> psql -h <HOST>" },
    { id: "b-2", output: "choco install git --version 2.43.0.1" },
    { id: 0, output: "café ☕ C:\\Users\\<USER>\\x" },
  ]);
});

const WITH_MALFORMED = [
  '{"id":1,"text":"ip 10.1.2.3"}',
  "{not json",
  '{"id":3}',
  "",
  '{"id":4,"text":"mail a@corp.example-co.com"}\r',
].join("\n");
const MALFORMED_ERROR =
  '2 malformed lines skipped (line 2: not valid JSON; line 3: "text" must be a string); the others were sanitized';

Deno.test("caro sanitize --jsonl: the malformed lines are named in one error line, the others still come out, exit 1", async () => {
  const home = await Deno.makeTempDir({ prefix: "caro-sanitize-" });
  try {
    const result = await runExact("launcher", ["sanitize", "--jsonl"], {
      env: { HOME: home },
      stdin: WITH_MALFORMED,
    });
    equal(result.code, 1);
    equal(result.stdout, '{"id":1,"output":"ip <IP>"}\n{"id":4,"output":"mail <EMAIL>"}\n');
    equal(result.stderr, `2 redacted: email 1, ipv4 1\nerror: ${MALFORMED_ERROR}\n`);
  } finally {
    await Deno.remove(home, { recursive: true });
  }
});

Deno.test("caro --json sanitize --jsonl: the good lines, then the error object, exit 1", async () => {
  const home = await Deno.makeTempDir({ prefix: "caro-sanitize-" });
  try {
    const result = await runExact("launcher", ["--json", "sanitize", "--jsonl"], {
      env: { HOME: home },
      stdin: WITH_MALFORMED,
    });
    equal(result.code, 1);
    deepEqual(result.stdout.trimEnd().split("\n").map((l) => JSON.parse(l)), [
      { id: 1, output: "ip <IP>" },
      { id: 4, output: "mail <EMAIL>" },
      { error: { code: "failed", message: MALFORMED_ERROR } },
    ]);
    equal(result.stderr, "2 redacted: email 1, ipv4 1\n");
  } finally {
    await Deno.remove(home, { recursive: true });
  }
});

Deno.test("caro sanitize --jsonl names five malformed lines and counts the rest", async () => {
  const input = ["[]", "1", "x", "{}", '{"id":null}', '{"id":6,"text":"ok"}', "2", "3"];
  const result = await runCaro(["sanitize", "--jsonl"], {
    stdin: input.join("\n"),
    permissions: NO_PERMISSIONS,
  });
  equal(result.code, 1);
  equal(result.stdout, '{"id":6,"output":"ok"}\n');
  equal(
    result.stderr.split("\n").filter((line) => line.startsWith("error:")).join("\n"),
    'error: 7 malformed lines skipped (line 1: expected an object {"id": …, "text": …}; ' +
      'line 2: expected an object {"id": …, "text": …}; line 3: not valid JSON; ' +
      'line 4: missing "id"; line 5: "id" must be a string or a number; and 2 more); ' +
      "the others were sanitized",
  );
});

Deno.test("caro sanitize --jsonl on an empty input writes nothing and exits 0", async () => {
  const result = await runCaro(["sanitize", "--jsonl"], { stdin: "", permissions: NO_PERMISSIONS });
  equal(result.code, 0);
  equal(result.stdout, "");
});

Deno.test("caro sanitize --jsonl echoes numeric ids digit for digit", async () => {
  const input = '{"id":12345678901234567890,"text":"ip 10.1.2.3"}\n{"id": 1.0, "text":"x"}\n';
  const result = await runCaro(["sanitize", "--jsonl"], {
    stdin: input,
    permissions: NO_PERMISSIONS,
  });
  equal(result.code, 0);
  equal(
    result.stdout,
    '{"id":12345678901234567890,"output":"ip <IP>"}\n{"id":1.0,"output":"x"}\n',
  );
});
