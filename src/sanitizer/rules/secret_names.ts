/**
 * Decides from a variable, key, header or flag name whether its value is a
 * secret, and from the value whether it is a literal worth redacting. Names
 * are split into words (`clientSecret`, `CLIENT_SECRET`, `client-secret`,
 * `spring.datasource.password` all work); a non-secret last word (`_TTL`,
 * `_FILE`, `_NAME`, `_MIN_LENGTH`) clears the name.
 *
 * @module
 */
import type { SensitiveCategory } from "../categories.ts";
import { isPlaceholder, looksRandom } from "./scan.ts";

/** How strongly a name says "my value is secret". */
export type SecretKind = "password" | "secret" | "weak";

const PASSWORD_WORDS = new Set([
  "PASSWORD",
  "PASSWD",
  "PASS",
  "PWD",
  "PASSPHRASE",
  "PSK",
  "PASSCODE",
  "PASSIN",
  "PASSOUT",
  "STOREPASS",
  "KEYPASS",
  "SRCSTOREPASS",
  "DESTSTOREPASS",
  "SRCKEYPASS",
  "DESTKEYPASS",
  "STOREPASSWORD",
  "KEYPASSWORD",
  "ROOTPASSWORD",
  "DBPASSWORD",
  "PASSWORDS",
  "PW",
  "PASSWRD",
]);
const SECRET_WORDS = new Set([
  "SECRET",
  "SECRETS",
  "TOKEN",
  "TOKENS",
  "APIKEY",
  "CREDENTIAL",
  "CREDENTIALS",
  "CREDS",
  "AUTH",
  "AUTHTOKEN",
  "SALT",
  "PEPPER",
  "COOKIE",
  "SESSION",
  "SIGNATURE",
  "DSN",
  "PRIVATEKEY",
  "ACCESSKEY",
  "SECRETKEY",
  "AUTHORIZATION",
  "BEARER",
  "SAS",
  "CONNECTIONSTRING",
  "PAT",
  "OTP",
  "TOTP",
  "WEBHOOKSECRET",
  "CLIENTSECRET",
  "ACCESSTOKEN",
  "REFRESHTOKEN",
  "IDTOKEN",
  "SESSIONID",
  "SID",
  "SESSID",
  "PHPSESSID",
  "JSESSIONID",
  "CSRFTOKEN",
  "XSRF",
]);
const KEY_QUALIFIERS = new Set([
  "API",
  "ACCESS",
  "PRIVATE",
  "SECRET",
  "SIGNING",
  "ENCRYPTION",
  "MASTER",
  "LICENSE",
  "ACCOUNT",
  "STORAGE",
  "AUTH",
  "APP",
  "CLIENT",
  "WEBHOOK",
  "SESSION",
  "HMAC",
  "CRYPT",
  "CRYPTO",
  "ENC",
  "SERVICE",
  "ADMIN",
  "SERVER",
  "SUBSCRIPTION",
  "DEPLOY",
  "INGESTION",
  "INGEST",
  "WRITE",
  "READ",
  "MANAGEMENT",
  "PRIMARY",
  "SECONDARY",
  "SHARED",
  "ROOT",
  "DATA",
  "CIPHER",
  "AES",
  "JWT",
  "COOKIE",
  "TOKEN",
  "BOT",
  "USER",
  "PERSONAL",
  "REST",
  "BROWSER",
  "SERVER_API",
]);
const NON_SECRET_LAST = new Set([
  "NAME",
  "NAMES",
  "FILE",
  "FILES",
  "FILENAME",
  "PATH",
  "PATHS",
  "DIR",
  "DIRECTORY",
  "FOLDER",
  "TTL",
  "LENGTH",
  "LEN",
  "MIN",
  "MAX",
  "SIZE",
  "BITS",
  "EXPIRY",
  "EXPIRES",
  "EXPIRATION",
  "EXPIRE",
  "LIFETIME",
  "TIMEOUT",
  "HEADER",
  "PARAM",
  "FIELD",
  "ENABLED",
  "ENABLE",
  "DISABLED",
  "DISABLE",
  "REQUIRED",
  "TYPE",
  "KIND",
  "ALGORITHM",
  "ALG",
  "ALGO",
  "ISSUER",
  "AUDIENCE",
  "REGION",
  "VERSION",
  "COUNT",
  "LIMIT",
  "PROVIDER",
  "MODE",
  "ENDPOINT",
  "HOST",
  "HOSTNAME",
  "PORT",
  "URL",
  "URI",
  "USER",
  "USERNAME",
  "LOGIN",
  "ID",
  "IDS",
  "ARN",
  "FORMAT",
  "PREFIX",
  "SUFFIX",
  "LOCATION",
  "BACKEND",
  "METHOD",
  "POLICY",
  "ROTATION",
  "INTERVAL",
  "AGE",
  "DAYS",
  "HOURS",
  "SECONDS",
  "SECS",
  "MINUTES",
  "MINS",
  "MS",
  "RETRIES",
  "ATTEMPTS",
  "ENCODING",
  "SCOPE",
  "SCOPES",
  "DRIVER",
  "STORE",
  "ENV",
  "ENVIRONMENT",
  "REF",
  "SOURCE",
  "CACHE",
  "COMMAND",
  "CMD",
  "STDIN",
  "PROMPT",
  "HELPER",
  "RESET",
  "AT",
  "DATE",
  "TIME",
  "STRENGTH",
  "COMPLEXITY",
  "HINT",
  "LABEL",
  "DESCRIPTION",
  "TITLE",
  "MESSAGE",
  "STATUS",
  "STATE",
  "CHECK",
  "VALIDATION",
  "RULES",
  "RULE",
  "PATTERN",
  "REGEX",
  "ROUNDS",
  "ITERATIONS",
  "COST",
  "FACTOR",
  "QUERY",
  "TABLE",
  "COLUMN",
  "SCHEMA",
  "BUCKET",
  "QUEUE",
  "TOPIC",
  "CHANNEL",
  "GROUP",
  "ROLE",
  "EMAIL",
  "PROJECT",
  "VAULT",
  "MOUNT",
  "ENGINE",
  "MANAGER",
  "SERVICE",
  "SERVER",
  "DOMAIN",
  "TENANT",
  "AUTHORITY",
  "CALLBACK",
  "REDIRECT",
  "LEEWAY",
  "SKEW",
  "STRATEGY",
  "HTTPONLY",
  "SAMESITE",
  "STORAGE",
  "STRATEGY",
  "CLASS",
  "MODULE",
  "PLUGIN",
  "TEMPLATE",
  "KEYS",
  "LIST",
  "TYPES",
  "VAR",
  "VARIABLE",
  "NAMESPACE",
  "MAP",
  "CONFIG",
  "OPTIONS",
  "OPTS",
  "TIMESTAMP",
  "DURATION",
  "WINDOW",
  "HISTORY",
  "REUSE",
  "EXPIRED",
  "VALID",
  "CHARS",
  "DIGITS",
  "UPPERCASE",
  "LOWERCASE",
  "SYMBOLS",
  "SPECIAL",
  "FD",
  "STDOUT",
  "OUTPUT",
  "SHA",
  "DIGEST",
  "PROFILE",
  "ALIAS",
  "ZONE",
  "ACCOUNT",
]);

/**
 * Splits a name into upper-case words.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { nameWords } from "./secret_names.ts";
 * assert(nameWords("spring.datasource.clientSecret").join() === "SPRING,DATASOURCE,CLIENT,SECRET");
 * ```
 */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word.length > 0)
    .map((word) => word.toUpperCase());
}

/**
 * Classifies a name: `password`, `secret`, `weak` (only a random-looking value
 * is secret, e.g. `CACHE_KEY`), or `null` (not secret-named).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { classifyName } from "./secret_names.ts";
 * assert(classifyName("PGPASSWORD") === "password");
 * assert(classifyName("TOKEN_TTL") === null && classifyName("JWT_SECRET") === "secret");
 * ```
 */
export function classifyName(name: string): SecretKind | null {
  const cached = classified.get(name);
  if (cached !== undefined) return cached;
  const kind = classifyWords(nameWords(name));
  if (classified.size > 4096) classified.clear();
  classified.set(name, kind);
  return kind;
}

const classified = new Map<string, SecretKind | null>();

/** Prepositions after a name's head noun: `keyVaultToStoreSecrets` names a vault, `pathToKey` a path. */
const PREPOSITIONS = new Set(["TO", "FOR", "OF", "FROM", "WITH"]);

function classifyWords(allWords: string[]): SecretKind | null {
  const preposition = allWords.findIndex((word) => PREPOSITIONS.has(word));
  const words = preposition > 0 ? allWords.slice(0, preposition) : allWords;
  if (words.length === 0) return null;
  const last = words[words.length - 1];
  if (NON_SECRET_LAST.has(last)) return null;
  if (words.some((word) => word === "PUBLIC" || word === "PUBLISHABLE" || word === "PUB")) {
    return null;
  }
  const joined = words.join("");
  if (words.some((word) => PASSWORD_WORDS.has(word)) || /PASSWORD|PASSWD|PASSPHRASE/.test(joined)) {
    return "password";
  }
  if (words.some((word) => SECRET_WORDS.has(word))) return "secret";
  if (/SECRET|TOKEN|APIKEY|PASSWORD|CREDENTIAL/.test(joined)) return "secret";
  if (last === "KEY" || last === "KEYS") {
    return words.length > 1 && KEY_QUALIFIERS.has(words[words.length - 2]) ? "secret" : "weak";
  }
  return null;
}

/**
 * Whether `value`, found under a name of kind `kind`, is a literal secret
 * rather than a placeholder, a number, a flag, a path or a plain URL.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isSecretValue } from "./secret_names.ts";
 * assert(isSecretValue("hunter2!x", "password") && !isSecretValue("${DB_PASS}", "password"));
 * assert(!isSecretValue("/run/secrets/key", "secret"));
 * ```
 */
export function isSecretValue(value: string, kind: SecretKind): boolean {
  if (value.length === 0) return false;
  // A value longer than any placeholder, path or flag is a literal (a long key).
  if (value.length > 4096) return /[A-Za-z0-9]/.test(value.slice(0, 4096));
  if (isPlaceholder(value)) return false;
  if (!/[A-Za-z0-9]/.test(value)) return false;
  if (/^-/.test(value) && kind !== "password") return false;
  if (/^(?:pass|env|file|fd):/.test(value)) return /^pass:./.test(value);
  if (/^\d{1,10}$/.test(value) && kind !== "password") return false;
  if (/^\d+(?:\.\d+)?(?:ms|s|m|h|d|w|y|k|kb|mb|gb)?$/i.test(value) && kind !== "password") {
    return false;
  }
  // A digest (`--discovery-token-ca-cert-hash sha256:…`) is public.
  if (/^(?:sha1|sha224|sha256|sha384|sha512|md5)[:=][0-9a-f]{32,128}$/i.test(value)) return false;
  // A switch (`PuttyPassword=0`, `SavePassword=1`, `SECRET_ROTATION=off`).
  if (/^(?:[01]|true|false|yes|no|on|off|enabled|disabled|required|optional)$/i.test(value)) {
    return false;
  }
  // A path, unless it is base64 that happens to start with "/" (`/AcA+ib…=`).
  if (/^(?:\.{0,2}\/|~[/\\]|[A-Za-z]:[\\/]|file:)/.test(value) && !/[\s+=]/.test(value)) {
    return false;
  }
  if (/^[a-z][a-z0-9+.-]{1,20}:\/\/[^@\s]*$/i.test(value)) return false;
  if (value.includes("/") && /^[A-Za-z0-9_.-]+(?:\/[A-Za-z0-9_.-]+)+$/.test(value)) {
    if (!looksRandom(value.replace(/\//g, ""))) return false;
  }
  if (kind === "weak") {
    return looksRandom(value) || /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
      .test(value);
  }
  return true;
}

/**
 * The category to report for a secret found under `name`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { categoryForName } from "./secret_names.ts";
 * assert(categoryForName("X-API-Key", "secret") === "auth_header");
 * ```
 */
export function categoryForName(name: string, kind: SecretKind): SensitiveCategory {
  const words = nameWords(name);
  if (kind === "password") return "password";
  if (words.includes("AWS") && words.includes("SECRET")) return "aws_secret";
  if (/^X-|-(?:Token|Key|Auth)$|^Authorization$|^Cookie$/i.test(name)) return "auth_header";
  return "secret_env";
}
