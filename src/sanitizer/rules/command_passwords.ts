/**
 * Password positions of known commands: `mysql -pX`, `sshpass -p X`,
 * `redis-cli -a X`, `htpasswd -b FILE USER X`, `curl -u u:X`,
 * `smbclient -U u%X`, `zip -P X`, `7z -pX`, `sqlcmd -P X`,
 * `docker login -p X`, `ldapsearch -w X`, `ssh-keygen -N X`, `net user U X`,
 * `sqlplus u/X@db`, `openssl passwd X`, `ngrok config add-authtoken X` … and,
 * on every command line, `user:pass` after `-u`/`--user` of any command
 * (`user_pass_options.ts`). The text is split into command lines once; a
 * command's words end where the next known command starts.
 *
 * @module
 */
import type { SpanBoard } from "../span_board.ts";
import { commandLines, redactPart, type ShellWord } from "./shell_tokens.ts";
import { isPlaceholderPair, redactUserPassOptions } from "./user_pass_options.ts";
import { redactNameValueSetting, redactSecretStoreValue } from "./cli_secret_settings.ts";

/** Words after a command that its handler looks at. */
const MAX_ARGS = 40;

/**
 * Redacts the passwords that known commands take in `board.text`.
 *
 * @example sshpass, and curl's user:pass
 * ```ts
 * import assert from "node:assert/strict";
 * import { SpanBoard } from "../span_board.ts";
 * import { commandPasswordPass } from "./command_passwords.ts";
 * const board = new SpanBoard("sshpass -p Xk2pq9Ln ssh host; curl -u ada:Zx81Lm2k https://x");
 * commandPasswordPass(board);
 * assert.equal(board.render().text, "sshpass -p <PASSWORD> ssh host; curl -u ada:<PASSWORD> https://x");
 * ```
 */
export function commandPasswordPass(board: SpanBoard): void {
  runCommandHandlers(board, 0, board.text.length, 0);
}

/**
 * Splits `[start, end)` into command lines once and runs the handler of each
 * known command word on the words after it. A word holding quoted spaces is
 * split once more without quote handling, so every character is read at
 * most twice.
 */
function runCommandHandlers(board: SpanBoard, start: number, end: number, depth: number): void {
  const text = board.text;
  for (const line of commandLines(text, start, end, depth === 0)) {
    redactUserPassOptions(board, line);
    const handlers = line.map((word) => COMMANDS.get(commandName(word.value)));
    const nextHandler: number[] = [];
    for (let k = line.length - 1, next = line.length; k >= 0; k--) {
      nextHandler[k] = next;
      if (handlers[k]) next = k;
    }
    line.forEach((word, k) => {
      // A command's words end where the next known command starts.
      const handler = handlers[k];
      if (handler && !board.isRedacted(word.start)) {
        handler(board, line.slice(k + 1, Math.min(nextHandler[k], k + 1 + MAX_ARGS)));
      }
      // A quoted stretch (`bash -c 'mysql -pX db'`, or an apostrophe that
      // pairs with a later one) may hold commands: split it again, bare.
      // Only a word that lost its quotes can hold a blank.
      if (depth === 0 && word.value.length < word.end - word.start && /\s/.test(word.value)) {
        runCommandHandlers(board, word.start, word.end, 1);
      }
    });
  }
}

/** `mysql` from `mysql`, `/usr/bin/mysql`, `$(mysql`, `"mysql`. */
function commandName(word: string): string {
  const start = /^[$(`"']/.test(word) ? word.replace(/^(?:\$\(|`|\(|["'])+/, "") : word;
  return start.slice(start.lastIndexOf("/") + 1);
}

type CommandHandler = (board: SpanBoard, words: ShellWord[]) => void;

/** `-p VALUE` / `-pVALUE` style options. */
function optionHandler(
  flags: string[],
  { attached = true, separate = true, requires }: {
    attached?: boolean;
    separate?: boolean;
    requires?: string;
  } = {},
): CommandHandler {
  return (board, words) => {
    if (requires && !words.some((w) => w.value === requires)) return;
    for (let k = 0; k < words.length; k++) {
      const w = words[k].value;
      for (const flag of flags) {
        if (w === flag && separate && k + 1 < words.length) {
          const next = words[k + 1];
          if (!next.value.startsWith("-") || next.value.length > 2) {
            redactPart(board, next, next.value, "password");
          }
        } else if (
          attached && w.startsWith(flag) && w.length > flag.length && w[flag.length] !== "-"
        ) {
          redactPart(board, words[k], w.slice(flag.length).replace(/^=/, ""), "password");
        }
      }
    }
  };
}

/** `-u user:pass`, `-U user%pass`, `-u user,pass`: the part after the separator. */
function userPassHandler(flags: string[], separators: string): CommandHandler {
  const separator = new RegExp(`[${separators}]`);
  return (board, words) => {
    for (let k = 0; k + 1 < words.length; k++) {
      const w = words[k].value;
      const inline = flags.find((flag) => w.startsWith(`${flag}=`));
      const word = inline ? words[k] : flags.includes(w) ? words[k + 1] : undefined;
      if (!word) continue;
      const value = inline ? w.slice(inline.length + 1) : word.value;
      const at = value.search(separator);
      if (at > 0 && isPlaceholderPair(value.slice(0, at), value.slice(at + 1))) {
        board.keep(word.start, word.end);
      } else if (at > 0) redactPart(board, word, value.slice(at + 1), "password");
    }
  };
}

/** The last positional word (htpasswd -b FILE USER PASS, rabbitmqctl add_user U P). */
function positionalHandler(
  index: (positionals: ShellWord[], words: ShellWord[]) => ShellWord | undefined,
): CommandHandler {
  return (board, words) => {
    const positionals = words.filter((w) => !w.value.startsWith("-") && !w.value.startsWith("/"));
    const word = index(positionals, words);
    if (word && word.value !== "*") redactPart(board, word, word.value, "password");
  };
}

const userSlashPass: CommandHandler = (board, words) => {
  for (const word of words) {
    const m = /^([A-Za-z][A-Za-z0-9_$#]{0,63})\/([^@\s/]{1,128})(?:@|$)/.exec(word.value);
    if (m && !word.value.startsWith("/")) redactPart(board, word, m[2], "password");
  }
};

const COMMANDS = new Map<string, CommandHandler>();
const register = (names: string[], handler: CommandHandler) => {
  for (const name of names) COMMANDS.set(name, handler);
};
/** Adds `handler` to what `names` already run (registered last: after every `register`). */
const alsoRun = (names: string[], handler: CommandHandler) => {
  for (const name of names) {
    const earlier = COMMANDS.get(name);
    COMMANDS.set(
      name,
      earlier ? (board, words) => (earlier(board, words), handler(board, words)) : handler,
    );
  }
};
register(
  [
    "mysql",
    "mysqldump",
    "mysqladmin",
    "mysqlimport",
    "mysqlshow",
    "mysqlcheck",
    "mysqlpump",
    "mysqlsh",
    "mariadb",
    "mariadb-dump",
    "mariadb-admin",
    "mycli",
  ],
  (board, words) => {
    optionHandler(["-p"], { separate: false })(board, words);
    // `-p VALUE` prompts and VALUE is the database, unless VALUE reads as a password.
    const flag = words.findIndex((w) => w.value === "-p");
    const next = words[flag + 1];
    if (flag !== -1 && next && /\d|[^\w-]|[A-Z]/.test(next.value) && !next.value.startsWith("-")) {
      redactPart(board, next, next.value, "password");
    }
    const k = words.findIndex((w) => w.value === "password");
    if (k !== -1 && k + 1 < words.length) {
      redactPart(board, words[k + 1], words[k + 1].value, "password");
    }
  },
);
register(["sshpass"], optionHandler(["-p"]));
register(["mosquitto_pub", "mosquitto_sub", "mosquitto_rr"], optionHandler(["-P", "--pw"]));
register(["cqlsh"], optionHandler(["-p"], { attached: false }));
register(["pscp", "plink", "psftp"], optionHandler(["-pw"], { attached: false }));
register(["security"], optionHandler(["-w"], { attached: false }));
register(["schtasks"], optionHandler(["/rp", "/RP", "/Rp"], { attached: false }));
register(
  ["ngrok"],
  positionalHandler((p) =>
    p.findIndex((w) => /^(?:add-)?authtoken$/.test(w.value)) === p.length - 2
      ? p[p.length - 1]
      : undefined
  ),
);
register(["redis-cli", "keydb-cli", "valkey-cli"], optionHandler(["-a"]));
register(
  [
    "mongo",
    "mongosh",
    "mongodump",
    "mongorestore",
    "mongoexport",
    "mongoimport",
    "mongostat",
    "mongotop",
  ],
  optionHandler(["-p"]),
);
register(["zip", "unzip", "zipcloak"], optionHandler(["-P"]));
register(["7z", "7za", "7zz", "7zr", "rar", "unrar"], optionHandler(["-p"], { separate: false }));
register(["sqlcmd", "bcp", "osql", "isql"], optionHandler(["-P"]));
register(
  ["docker", "podman", "nerdctl", "helm", "buildah", "skopeo", "oras", "crane", "regctl", "az"],
  optionHandler(["-p"], { requires: "login" }),
);
register(
  ["ldapsearch", "ldapadd", "ldapmodify", "ldapdelete", "ldapwhoami", "ldapcompare", "ldapmodrdn"],
  optionHandler(["-w"]),
);
register(["ldappasswd"], optionHandler(["-w", "-s"]));
register(["ssh-keygen"], optionHandler(["-N", "-P"], { attached: false }));
register(["openssl"], (board, words) => {
  optionHandler(["-k"], { attached: false })(board, words);
  // `openssl passwd -1 PASS`, `$(openssl passwd -6 -salt S PASS)`: the last word.
  if (words[0]?.value !== "passwd" || words.length < 2) return;
  // Inside `$(…)` the command ends at the word that closes it.
  const close = words.findIndex((w) => /\)$/.test(w.value) && !w.value.includes("("));
  const own = close === -1 ? words : words.slice(0, close + 1);
  const last = own[own.length - 1];
  const value = last.value.replace(/\)+$/, "");
  if (own.length >= 2 && !value.startsWith("-") && own[own.length - 2].value !== "-salt") {
    redactPart(board, last, value, "password");
  }
});
register(["x11vnc"], optionHandler(["-passwd"], { attached: false }));
register(
  ["smbclient", "rpcclient", "smbmap", "smbcacls", "net"],
  userPassHandler(["-U", "--user"], "%"),
);
register(["curl"], userPassHandler(["-u", "--user", "-U", "--proxy-user"], ":"));
register(["http", "https", "xh"], userPassHandler(["-a", "--auth"], ":"));
register(["lftp"], userPassHandler(["-u"], ","));
register(
  ["htpasswd"],
  (board, words) => {
    if (!words.some((w) => /^-[a-zA-Z]*b/.test(w.value))) return;
    positionalHandler((p) => (p.length >= 2 ? p[p.length - 1] : undefined))(board, words);
  },
);
register(
  ["rabbitmqctl"],
  positionalHandler((p) =>
    p[0] && /^(?:add_user|change_password)$/.test(p[0].value) ? p[2] : undefined
  ),
);
register(
  ["wpa_passphrase"],
  positionalHandler((p) => (p.length >= 2 ? p[1] : undefined)),
);
register(
  ["vault"],
  positionalHandler((
    p,
  ) => (p[0]?.value === "login" && p[1] && !p[1].value.includes("=") ? p[1] : undefined)),
);
register(
  ["net"],
  (board, words) => {
    userPassHandler(["-U", "--user"], "%")(board, words);
    const p = words.filter((w) => !w.value.startsWith("/"));
    if (p[0]?.value.toLowerCase() === "user" && p[2]) {
      redactPart(board, p[2], p[2].value, "password");
    }
    if (p[0]?.value.toLowerCase() === "use") {
      const share = p.findIndex((w) => w.value.startsWith("\\\\"));
      const pass = share === -1 ? undefined : p[share + 1];
      if (pass && pass.value !== "*") redactPart(board, pass, pass.value, "password");
    }
  },
);
register(
  ["setx", "set"],
  (board, words) => redactNameValueSetting(board, [{ value: "set", start: 0, end: 0 }, ...words]),
);
register(["sqlplus", "expdp", "impdp", "exp", "imp", "rman", "sqlldr", "dgmgrl"], userSlashPass);
register(
  ["npm", "yarn", "pnpm", "git", "aws", "setx", "set", "gh", "flyctl", "fly"],
  (board, words) => {
    redactNameValueSetting(board, words);
    if (words[0]?.value === "secret" && words[1]?.value === "set") {
      optionHandler(["-b", "--body"], { attached: false })(board, words);
    }
  },
);
// `az keyvault secret set …`: the words after `set` belong to the `set` handler.
alsoRun(["az", "aws", "doppler", "infisical", "set"], redactSecretStoreValue);
