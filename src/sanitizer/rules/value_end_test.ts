import { equal } from "node:assert/strict";
import { sanitizeText } from "../sanitize_text.ts";
import { bareValueEnd, separatorEndsValue } from "./value_end.ts";

/** The bare value read from `at`. */
const valueAt = (text: string, at: number) => text.slice(at, bareValueEnd(text, at));

// Reviewer finding: password values stopped at `&`, `;`, `|` or `,` and the
// rest went out in clear.
const leaks: [string, string][] = [
  [`psql "password=Tr0ub4dor&3xK9!q host=x"`, `psql "password=<PASSWORD> host=x"`],
  ["PGPASSWORD=Tr0ub4dor&3xK9!q pg_dump", "PGPASSWORD=<PASSWORD> pg_dump"],
  ["curl -u bob:Tr0ub4dor&3xK9!q https://x.org", "curl -u <USER>:<PASSWORD> https://x.org"],
  ["mysql --password=Ab3,dEf6gHi9jKl", "mysql --password=<PASSWORD>"],
  ["DB_PASSWORD=Ab3;dEf6gHi9jKl", "DB_PASSWORD=<PASSWORD>"],
  ["DB_PASSWORD=Ab3|dEf6gHi9jKl", "DB_PASSWORD=<PASSWORD>"],
];
for (const [input, expected] of leaks) {
  Deno.test(`a glued separator is part of the password: ${input}`, () => {
    equal(sanitizeText(input).text, expected);
  });
}

Deno.test("a glued separator is part of the value in every password rule", () => {
  for (
    const [input, expected] of [
      ["sshpass -p Tr0ub4dor&3xK9 ssh host", "sshpass -p <PASSWORD> ssh host"],
      ["mysql -u root -pAb3&dEf6 db", "mysql -u root -p<PASSWORD> db"],
      ["redis-cli -a Ab3;dEf6gHi9 ping", "redis-cli -a <PASSWORD> ping"],
      ["wget --password=Ab3&dEf6 https://x.org/f", "wget --password=<PASSWORD> https://x.org/f"],
      ["my password is Ab3,dEf6gHi9jKl", "my password is <PASSWORD>"],
      ["MYSQL_PWD=Ab3|dEf6 mysql -u root", "MYSQL_PWD=<PASSWORD> mysql -u root"],
    ]
  ) equal(sanitizeText(input).text, expected);
});

Deno.test("a URL query, a connection string or a setting list still ends the value", () => {
  for (
    const [input, expected] of [
      [
        "https://x.org/login?password=abc&user=x",
        "https://x.org/login?password=<PASSWORD>&user=x",
      ],
      [
        "https://x.org/login?password=abc&amp;user=x",
        "https://x.org/login?password=<PASSWORD>&amp;user=x",
      ],
      [
        "Server=db01;Database=app;User Id=app;Password=Pq7x&Zr2;Encrypt=true",
        "Server=db01;Database=app;User Id=app;Password=<PASSWORD>;Encrypt=true",
      ],
      [
        "docker run --mount type=secret,id=x,password=Ab3cD5eF,dst=/x img",
        "docker run --mount type=secret,id=x,password=<PASSWORD>,dst=/x img",
      ],
    ]
  ) equal(sanitizeText(input).text, expected);
});

Deno.test("prose and shell operators after a value keep their words", () => {
  for (
    const [input, expected] of [
      ["password=x, then retry", "password=<PASSWORD>, then retry"],
      [
        "my db password is hunter22, the password is wrong",
        "my db password is <PASSWORD>, the password is wrong",
      ],
      ["export PGPASSWORD=Tr0ub4dor; psql -h db", "export PGPASSWORD=<PASSWORD>; psql -h db"],
      ["export PGPASSWORD=Tr0ub4dor&&psql -h db", "export PGPASSWORD=<PASSWORD>&&psql -h db"],
      [
        "curl -u bob:Tr0ub4dor&3xK9!q https://x.org && echo ok",
        "curl -u <USER>:<PASSWORD> https://x.org && echo ok",
      ],
      [`"password": "Tr0ub4dor&3xK9!q", "user": "x"`, `"password": "<PASSWORD>", "user": "x"`],
    ]
  ) equal(sanitizeText(input).text, expected);
});

Deno.test("separatorEndsValue: which separators end a value", () => {
  // `|` stands for the separator under test; each is tried as `;&|,`.
  for (const c of [";", "&", "|", ","]) {
    const at = (text: string) => separatorEndsValue(text.replaceAll("|", c), text.indexOf("|"));
    equal(at("pw=ab|cd"), false, `${c} glued`);
    equal(at("pw=ab| cd"), true, `${c} before a blank`);
    equal(at("pw=ab|"), true, `${c} at the end`);
    equal(at(`"pw=ab|"`), true, `${c} before a quote`);
    equal(at("(pw=ab|)"), true, `${c} before a closer`);
    equal(at("pw=ab|user=x"), true, `${c} before name=`);
    equal(at("pw=ab|--token=x"), true, `${c} before a flag=`);
  }
  equal(separatorEndsValue("pw=ab||cd", 5), true);
  equal(separatorEndsValue("pw=ab&&cd", 5), true);
  equal(separatorEndsValue("pw=ab&amp;user=x", 5), true);
  equal(separatorEndsValue("pw=ab&3x=", 5), false);
  equal(separatorEndsValue("pw=abc", 4), false);
});

Deno.test("bareValueEnd reads through glued separators to the value's end", () => {
  equal(valueAt("pw=Tr0ub&3x,K9;z|q next", 3), "Tr0ub&3x,K9;z|q");
  equal(valueAt("pw=abc&user=x", 3), "abc");
  equal(valueAt("pw=abc) x", 3), "abc");
  equal(bareValueEnd("pw=ab)c) x", 5, true), 8);
  equal(valueAt("pw= x", 3), "");
});
