import { equal } from "node:assert/strict";
import { sanitizeText } from "../sanitize_text.ts";

// Reviewer finding: the display-name extension (a Windows profile may be
// "Søren Delacroix") ran on into the next path's drive letter.
Deno.test("a display name stops before the next path's drive", () => {
  equal(
    sanitizeText("ls /Users/Shared C:\\Users\\Public").text,
    "ls /Users/Shared C:\\Users\\Public",
  );
  equal(sanitizeText("dir C:\\Users\\jdoe C:\\Windows").text, "dir C:\\Users\\<USER> C:\\Windows");
  equal(sanitizeText("dir C:\\Users\\jdoe D:/data").text, "dir C:\\Users\\<USER> D:/data");
  equal(
    sanitizeText("ls /Users/jdoe C:\\Users\\Public").text,
    "ls /Users/<USER> C:\\Users\\Public",
  );
});

Deno.test("non-ASCII user names become <USER> whole", () => {
  for (
    const [input, expected] of [
      ["C:\\Users\\Søren Delacroix\\Documents", "C:\\Users\\<USER>\\Documents"],
      ["/Users/søren.delacroix/Documents", "/Users/<USER>/Documents"],
      ['cd "C:\\Users\\Søren Delacroix"', 'cd "C:\\Users\\<USER>"'],
      ["cd C:\\Users\\Søren Delacroix and run it", "cd C:\\Users\\<USER> and run it"],
      ["cat ~søren.delacroix/.bashrc", "cat ~<USER>/.bashrc"],
      ["\\\\?\\C:\\Users\\Åsa Öberg\\x", "\\\\?\\C:\\Users\\<USER>\\x"],
    ]
  ) equal(sanitizeText(input).text, expected);
});

Deno.test("default homes and the rest of the paths survive", () => {
  const text = "ls /Users/Shared C:\\Users\\Public C:\\Users\\Default ~/x ~root/y /home/runner";
  equal(sanitizeText(text).text, text);
  equal(
    sanitizeText("copy C:\\Users\\Søren Delacroix\\x.txt D:\\backup").text,
    "copy C:\\Users\\<USER>\\x.txt D:\\backup",
  );
});
