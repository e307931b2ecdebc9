/**
 * People pass (stretch categories): person names in explicit contexts
 * (`user.name`, `--author=`, `Signed-off-by:`, "my name is …", sign-offs)
 * and login names outside paths (`docker login -u x`, `sudo -u x`,
 * `for user "x"`, IAM ARNs, shell prompts `x@host:~$`). Service accounts stay.
 *
 * @module
 */
import type { SpanBoard } from "../span_board.ts";
import { isServiceAccount } from "./accounts.ts";
import {
  eachLeadMatch,
  eachMatch,
  groupRange,
  isPlaceholder,
  MAX_MENTION_SCANS,
  redactOtherMentions,
} from "./scan.ts";

const NAME = String.raw`\p{Lu}[\p{L}'’-]{1,30}(?:[ \t]\p{Lu}[\p{L}'’.-]{0,30}){0,3}`;
const PERSON_CONTEXTS: readonly RegExp[] = [
  new RegExp(String.raw`user\.name[ \t]{0,4}=?[ \t]{0,4}["']?(${NAME})`, "dgu"),
  new RegExp(String.raw`--author[= ]["']?(${NAME})[ \t]*<`, "dgu"),
  new RegExp(
    String
      .raw`(?:Author|Signed-off-by|Co-authored-by|Reviewed-by|Committer|From|Reported-by):[ \t]{1,4}(${NAME})[ \t]*<`,
    "dgu",
  ),
  new RegExp(
    String.raw`\b(?:[Mm]y name is|[Mm]y name's|[Tt]his is|I am|I'm)[ \t]{1,4}(${NAME})`,
    "dgu",
  ),
  new RegExp(
    String
      .raw`(?:^|\n)[ \t]*(?:[Tt]hanks|[Tt]hank you|[Rr]egards|[Bb]est regards|[Kk]ind regards|[Bb]est|[Cc]heers|[Ss]incerely|[Tt]hx|[Tt]a|[Mm]any thanks)[,!.]?[ \t]*(?:\r?\n[ \t]*|[ \t]+|[ \t]*-[ \t]*)(${NAME})[ \t]*(?:$|\n)`,
    "dgu",
  ),
  new RegExp(
    String
      .raw`["'](?:name|full_?name|fullName|display_?name|displayName|contact_?name|contactName|author)["'][ \t]{0,2}:[ \t]{0,2}["'](\p{Lu}[\p{L}'’-]{1,30}(?:[ \t]\p{Lu}[\p{L}'’.-]{1,30}){1,2})["'<]`,
    "dgu",
  ),
  new RegExp(
    String.raw`\b(?:git[ \t])?author(?:[ \t]name)?[ \t](?:to|is|as)[ \t]{1,4}(${NAME})`,
    "dgu",
  ),
  new RegExp(
    String
      .raw`(?:^|[\s,;{(])(?:name|full_?name|cardholder(?:_name)?|holder_name)=["'](\p{Lu}[\p{L}'’-]{1,30}(?:[ \t]\p{Lu}[\p{L}'’.-]{1,30}){1,2})["']`,
    "dgu",
  ),
  new RegExp(
    String
      .raw`\b(?:[Cc]ontact|[Oo]wner|[Aa]ssignee|[Rr]eporter|[Oo]n-call)(?:[ \t]person)?:[ \t]{1,4}(\p{Lu}[\p{L}'’-]{1,30}(?:[ \t]\p{Lu}[\p{L}'’.-]{1,30}){1,2})(?=[ \t]*[,;(\n]|$)`,
    "dgu",
  ),
  new RegExp(String.raw`(?:From|To|Cc|Reply-To):[ \t]{1,4}"(${NAME})"[ \t]*<`, "dgu"),
  new RegExp(String.raw`(?:GIT_AUTHOR_NAME|GIT_COMMITTER_NAME|DEBFULLNAME)=["']?(${NAME})`, "dgu"),
];
const NOT_NAMES = new Set([
  "Trying",
  "Running",
  "Using",
  "Getting",
  "Not",
  "Sorry",
  "Unable",
  "Here",
  "Done",
  "Sure",
  "On",
  "In",
  "The",
  "A",
  "An",
  "It",
  "This",
  "That",
  "Linux",
  "Windows",
  "Mac",
  "Ubuntu",
  "Docker",
  "Git",
  "Error",
  "Warning",
  "Ok",
  "OK",
  "Yes",
  "No",
  "Please",
  "Just",
  "Also",
  "Still",
  "Now",
  "Currently",
  "Going",
  "Working",
  "Looking",
  "Having",
  "New",
  "Able",
  "Logged",
  "Root",
  "Dev",
  "Admin",
  "Bot",
  "CI",
  "Build",
  "Deploy",
  "User",
  "Test",
  "Support",
  "Team",
]);
const USER_CONTEXTS: readonly RegExp[] = [
  /(?:docker|podman|helm|nerdctl|oras|crane)[ \t]+login[^\n|;]{0,120}?(?:-u|--username)[ =]["']?([A-Za-z0-9._-]{2,64})/dg,
  /(?<![\w./~-])(?:sudo[ \t]+-u|su[ \t]+-|su[ \t]+-l|chown[ \t]+(?:-R[ \t]+)?|usermod[^\n]{0,40}?[ \t]|userdel[ \t]+(?:-r[ \t]+)?|passwd[ \t]+|crontab[ \t]+-u|runuser[ \t]+-u)[ \t]*([a-z_][a-z0-9_.-]{1,31})(?=[\s:]|$)/dg,
  /(?<![\w-])(?:for user|user|role|login|User|Role)[ \t]{1,2}["'“]([A-Za-z0-9._@-]{2,64})["'”]/dg,
  /["'](?:username|user_name|userName|user|login)["'][ \t]{0,2}:[ \t]{0,2}["']([A-Za-z0-9._-]{2,64})["']/dg,
  /(?<![\w-])(?:for user|machine[ \t]+[^\s]{1,100}[ \t]+login)[ \t]{1,2}([a-z_][a-z0-9_.-]{1,31})(?=[\s,.:;]|$)/dg,
  /(?:curl|wget|http|xh)[ \t][^\n|;]{0,200}?(?:-u|--user)[ =]["']?([A-Za-z][A-Za-z0-9._-]{1,63}):/dg,
  /(?:Accepted[ \t](?:publickey|password|keyboard-interactive\/pam)[ \t]for|Failed[ \t]password[ \t]for(?:[ \t]invalid[ \t]user)?|Invalid[ \t]user)[ \t]([A-Za-z0-9._-]{1,32})[ \t]from[ \t]/dg,
  /(?:psql|pg_dump|pg_dumpall|pg_restore|pg_basebackup|createdb|dropdb|createuser|mysql|mysqldump|mariadb)[ \t][^\n|;]{0,120}?(?<=[ \t])(?:-U|-u)[ \t]?["']?([A-Za-z][A-Za-z0-9._-]{1,63})(?=[\s"']|$)/dg,
  /(?:ssh|scp|sftp|mosh|ssh-copy-id|rsync)[ \t][^\n|;]{0,120}?(?<![\w.@-])([A-Za-z_][A-Za-z0-9._-]{0,31})@(?=\d{1,3}(?:\.\d{1,3}){3}|\[[0-9A-Fa-f:]{2,39}\]|[A-Za-z0-9-]{1,63}(?:[\s:]|$))/dg,
  /(?:smbclient|rpcclient|smbmap|smbcacls|net)[ \t][^\n|;]{0,120}?(?:-U|--user)[ =]["']?([A-Za-z][A-Za-z0-9._-]{1,63})%/dg,
  /(?<![\w-])user[ \t]([a-z_][a-z0-9_.-]{1,31})[ \t]is not in the sudoers/dg,
  // PostgreSQL log prefixes (`%u@%d`) and `user=` fields.
  /(?<=(?<=\][ \t]|^|\n)([A-Za-z][A-Za-z0-9._-]{1,31}))@[A-Za-z0-9_]{1,63}[ \t](?:LOG|FATAL|ERROR|WARNING|STATEMENT|DETAIL|HINT):/dg,
  // `user=` in a DSN is mostly a role (`user=analytics`): only names that read personal.
  /(?<![\w-])(?:user|usr|login)=["']?([A-Za-z][a-z0-9_-]{0,30}(?:\.[A-Za-z][A-Za-z0-9_-]{0,30}|[A-Z][a-z][A-Za-z0-9_-]{0,28}))(?=[\s,;"']|$)/dg,
  // `whoami` → `ACME\jdoe`, `Owner: ACME\jdoe`; the owner column of `ls -l`.
  /(?:whoami[ \t]*\r?\n[ \t]*|Owner:[ \t]{1,4}|User(?:name)?:[ \t]{1,4})[A-Za-z0-9-]{1,15}\\([A-Za-z][A-Za-z0-9._-]{1,31})(?=\s|$)/dg,
  /(?:^|\n)[-dlcbps][rwxsStT-]{9}[.@+]?[ \t]{1,4}\d{1,6}[ \t]{1,4}([a-z_][a-z0-9_.-]{1,31})[ \t]/dg,
  /arn:aws:iam::\d{12}:user\/(?:[A-Za-z0-9+=,.@_-]{1,64}\/){0,4}([A-Za-z0-9+=,.@_-]{2,64})/dg,
  // A shell prompt `x@host:~/src$`; the `>` closing a placeholder (`/home/<USER>`) is no prompt.
  /(?<=(?<=^|[\s\[])([a-z_][a-z0-9_.-]{1,31}))@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,4}(?::|[ \t]+)[~\/][^\n$#%>\]]{0,200}?\]?(?:[$#%]|(?<!<[A-Za-z][\w:]{0,40})>)/dg,
  // The name before a `\` is the domain (`/user:CORP\<USER>` after a first run).
  /\/u(?:ser)?:(?:[A-Za-z0-9.-]{1,15}\\)?([A-Za-z][A-Za-z0-9._-]{1,31})(?![\w.\\-])/dgi,
  /(?<![\w-])usermod[^\n|;&]{0,80}?[ \t]([a-z_][a-z0-9_.-]{1,31})[ \t]*(?=$|[\n|;&])/dg,
  /(?:^|\n)[ \t]*User[ \t]{1,8}([a-z_][a-z0-9_.-]{1,31})(?=[ \t]*(?:$|\n))/dg,
  // An option starts a word: `-linux` after a folded `<NUM>` is not `-l inux`.
  /(?<![\w>-])(?:--username|--user|--docker-username|-l|login as:|Login:|USER=|LOGNAME=|USERNAME=)[ =]{0,2}["']?([a-z_][a-z0-9_.-]{1,31})(?=[\s"']|$)/dg,
];

/**
 * Runs the people rules over `board`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SpanBoard } from "../span_board.ts";
 * import { peoplePass } from "./people.ts";
 * const board = new SpanBoard('git config --global user.name "Ada Lovelace"');
 * peoplePass(board);
 * assert(board.render().text === 'git config --global user.name "<NAME>"');
 * ```
 */
export function peoplePass(board: SpanBoard): void {
  const text = board.text;
  for (const pattern of PERSON_CONTEXTS) {
    eachMatch(pattern, text, (m) => {
      const [start, end] = groupRange(m, 1)!;
      if (NOT_NAMES.has(m[1].split(/\s/)[0])) return;
      const trailing = /['’.-]+$/.exec(m[1])?.[0].length ?? 0;
      board.redact(start, end - trailing, "person_name");
    });
  }
  const found = new Set<string>();
  // The prompt and log-prefix patterns read the name in a lookbehind; the
  // others have no lead, and eachLeadMatch scans them as eachMatch does.
  for (const pattern of USER_CONTEXTS) {
    eachLeadMatch(pattern, text, (m) => {
      const [start, end] = groupRange(m, 1)!;
      if (isServiceAccount(m[1]) || isPlaceholder(m[1]) || /^\d+$/.test(m[1])) return;
      if (board.isFree(start, end) && board.redact(start, end, "username")) found.add(m[1]);
    });
  }
  // Bounded: each name costs one scan of the text.
  for (const name of [...found].slice(0, MAX_MENTION_SCANS)) {
    redactOtherMentions(board, name, "username");
  }
}
