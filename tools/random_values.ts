/**
 * Seeded generators of look-alike values for the labelled set: right
 * alphabet, length and checksum, random bodies. None of them is real.
 *
 * @module
 */
import { seededRandom } from "./chaos/seeded_random.ts";

type Checksums = { crc32: (s: string) => number; base62: (n: number, w: number) => string };

const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const LOWER = "abcdefghijklmnopqrstuvwxyz";
const DIGITS = "0123456789";
const ALNUM = UPPER + LOWER + DIGITS;
const HEX = "0123456789abcdef";
const B64 = ALNUM + "+/";
const B64URL = ALNUM + "-_";
const AWS_ID = UPPER + "234567";

const UNIX_USERS = [
  "mgarcia",
  "jsmith",
  "priya.k",
  "dchen",
  "tkowalski",
  "ahmed.r",
  "lena",
  "oliverb",
  "nkumar",
  "sofia_m",
  "hwang",
  "bpetrov",
  "emma.w",
  "rafael",
  "yuki",
  "kmuller",
  "fatima",
  "ljohansson",
  "carlos.r",
  "wei.zhang",
  "amelie",
  "dnguyen",
  "ikeda",
  "sarah.o",
  "mateo",
  "zoe",
  "noahk",
  "ingrid",
  "pablo.s",
  "anya",
];
const WIN_USERS = [
  "Søren Delacroix",
  "Zoë Hart",
  "Anh Nguyen",
  "María José",
  "Jean-Luc Picard",
  "Björn Ek",
  "mgarcia",
  "DChen",
  "Priya Raman",
  "Ólafur Arnalds",
  "Chloé Martin",
  "José Álvarez",
  "tkowalski",
  "Ayşe Yılmaz",
  "Łukasz Nowak",
];
const FIRST = [
  "ana",
  "ben",
  "chloe",
  "dmitri",
  "elif",
  "farah",
  "goran",
  "hana",
  "ivan",
  "jules",
  "kenji",
  "lucia",
  "marco",
  "nadia",
  "omar",
  "paula",
  "quinn",
  "rosa",
  "sven",
  "tara",
];
const LAST = [
  "garcia",
  "smith",
  "okafor",
  "novak",
  "tanaka",
  "silva",
  "fischer",
  "dubois",
  "kowalski",
  "haddad",
  "lindqvist",
  "moreau",
  "ivanova",
  "costa",
  "brennan",
];
const PERSON = [
  "Ada Lovelace",
  "Grace Hopper",
  "Søren Kierkegaard",
  "Amara Okafor",
  "Lukas Fischer",
  "Mei Tanaka",
  "Rafael Costa",
  "Ingrid Lindqvist",
  "Omar Haddad",
  "Chloé Dubois",
];
const ORGS = [
  "acme-robotics",
  "northwind",
  "contoso-group",
  "globex",
  "initech",
  "umbrella-labs",
  "stark-ind",
  "wayne-ent",
  "hooli",
  "piedpiper",
  "vandelay",
  "soylent",
];
const ORG_TLDS = ["com", "io", "net", "de", "co.uk", "dev", "org", "fr", "cloud", "ai"];
const PRIVATE_SUFFIX = [
  "corp.internal",
  "internal",
  "corp",
  "local",
  "lan",
  "intranet",
  "home.arpa",
  "localdomain",
  "prod.internal",
  "eu-west-1.compute.internal",
];
const HOST_PREFIX = [
  "db01",
  "build-03",
  "jenkins",
  "vpn",
  "nas",
  "gitlab",
  "k8s-master-2",
  "printer",
  "ldap",
  "mail",
  "grafana",
  "kafka-1",
  "redis-cache",
  "ci-runner-7",
  "fileserver",
  "wiki",
  "bastion",
  "pg-primary",
];
const EMAIL_DOMAINS = [
  "gmail.com",
  "outlook.com",
  "proton.me",
  "yahoo.co.uk",
  "icloud.com",
  "web.de",
  "fastmail.fm",
];
const PUBLIC_HOSTS = [
  "github.com",
  "registry.npmjs.org",
  "pypi.org",
  "api.openai.com",
  "raw.githubusercontent.com",
  "ghcr.io",
  "deb.debian.org",
  "archive.ubuntu.com",
  "api.anthropic.com",
  "huggingface.co",
  "example.com",
  "dl-cdn.alpinelinux.org",
  "proxy.golang.org",
  "crates.io",
  "docker.io",
  "quay.io",
  "objects.githubusercontent.com",
  "files.pythonhosted.org",
];
const LOOPBACK = ["localhost", "127.0.0.1", "0.0.0.0", "::1", "[::1]", "0.0.0.0/0", "127.0.1.1"];
const WELL_KNOWN = ["8.8.8.8", "1.1.1.1", "9.9.9.9", "169.254.169.254", "8.8.4.4", "1.0.0.1"];
const NETMASKS = [
  "255.255.255.0",
  "255.255.0.0",
  "255.255.255.128",
  "255.255.252.0",
  "255.0.0.0",
  "255.255.255.240",
];
const IMAGES = [
  "nginx:1.25",
  "postgres:16-alpine",
  "redis:7.2.4",
  "node:20-bookworm-slim",
  "python:3.12-slim",
  "ghcr.io/astral-sh/uv:0.4.18",
  "mcr.microsoft.com/dotnet/sdk:8.0",
  "alpine:3.19",
  "ollama/ollama:0.3.12",
  "grafana/grafana:10.4.2",
  "mysql:8.0.36",
  "ubuntu:22.04",
];
const GENERIC_PATHS = [
  "/var/log/*.log",
  "~/.ssh/config",
  "$HOME/.npmrc",
  "%APPDATA%\\caro\\config.toml",
  "/etc/nginx/nginx.conf",
  "~/.config/caro/config.toml",
  "/usr/local/bin/caro",
  "/tmp/caro-build",
  "./node_modules/.bin",
  "/opt/homebrew/bin/ollama",
  "%LOCALAPPDATA%\\Programs",
  "~/Library/Logs/caro.log",
  "/etc/ssl/certs/ca-certificates.crt",
  "/var/lib/docker/volumes",
];
const DEFAULT_PATHS = [
  "/home/runner/work/app/app",
  "/home/ubuntu",
  "/root/.cache",
  "/Users/Shared/data",
  "C:\\Users\\Public\\Documents",
  "/home/linuxbrew/.linuxbrew/bin",
  "C:\\Users\\runneradmin\\AppData\\Local\\Temp",
  "/home/ec2-user/app",
  "/home/vagrant/.bashrc",
  "C:\\Users\\Default\\NTUSER.DAT",
];
const SERVICE_ACCOUNTS = [
  "root",
  "postgres",
  "ubuntu",
  "runner",
  "www-data",
  "ec2-user",
  "admin",
  "git",
  "nobody",
  "mysql",
];
const PLACEHOLDERS = [
  "$TOKEN",
  "${API_KEY}",
  "${{ secrets.NPM_TOKEN }}",
  "$(pass show db/prod)",
  "<your-api-key>",
  "***",
  "$GITHUB_TOKEN",
  "${DB_PASSWORD}",
  "{{ .Values.password }}",
  "%API_KEY%",
  "xxxxxxxx",
  "<PASSWORD>",
  "$env:OPENAI_API_KEY",
  "$(cat /run/secrets/db)",
  "${{ secrets.AWS_SECRET_ACCESS_KEY }}",
];
const NONSECRET_ENV = [
  "NODE_ENV=production",
  "TOKEN_TTL=3600",
  "SECRET_NAME=prod/app/db",
  "PASSWORD_MIN_LENGTH=12",
  "KEY_FILE=/run/secrets/tls.key",
  "JWT_EXPIRES_IN=15m",
  "AUTH_ENABLED=true",
  "API_KEY_HEADER=X-Api-Key",
  "SECRET_BACKEND=vault",
  "TOKEN_URL=https://auth.example.com/token",
  "SESSION_DRIVER=redis",
  "AWS_REGION=eu-west-1",
  "PASSWORD_FILE=/etc/app/pw",
  "SECRETS_DIR=/run/secrets",
  "GITHUB_TOKEN_SCOPES=repo",
  "KEY_ALGORITHM=RS256",
];
const BASE64_DATA = [
  "aGVsbG8=",
  "d29ybGQK",
  "eyJrIjoidiJ9",
  "SGVsbG8gV29ybGQ=",
  "Y2FybyByb2Nrcw==",
];
const PACKAGE_SPECS = [
  "@types/node@20.11.5",
  "react@18.2.0",
  "lodash@4.17.21",
  "requests==2.31.0",
  "numpy>=1.26.4",
  "serde@1.0.197",
  "@angular/core@17.3.0",
  "typescript@5.4.2",
  "django==5.0.3",
  "pytest~=8.1.1",
];
const FLAGS = [
  "--password-stdin",
  "--password",
  "--token-file",
  "--ask-pass",
  "--no-password",
  "--askpass",
  "--password-file",
  "--insecure",
];
const VERSIONS = [
  "v20.11.1",
  "1.2.3-rc.1",
  "3.12.2",
  "0.4.18",
  "v1.29.3",
  "2.43.0",
  "18.19.0",
  "5.4.2",
  "1.0.0-beta.2",
  "v0.3.12",
  "10.4.2",
  "22.04",
];
const DQ_VERSIONS = [
  "6.24.6.28",
  "1.14.8.5",
  "13.10.22.27",
  "10.0.19045.3803",
  "4.8.1.0",
  "2.1.0.5",
  "17.9.34511.75",
  "3.2.1.4",
];

/** Zero-width and invisible characters the sanitizer removes before matching. */
const INVISIBLE = ["\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", "\u00AD"];
/** Secret-named variables, for "set NAME to VALUE". */
const SECRET_VAR_NAMES = [
  "DB_PASSWORD",
  "API_TOKEN",
  "JWT_SECRET",
  "STRIPE_SECRET_KEY",
  "REDIS_PASSWORD",
  "SMTP_PASS",
  "GITHUB_TOKEN",
  "SECRET_KEY_BASE",
  "OPENAI_API_KEY",
  "POSTGRES_PASSWORD",
];
/** Commands without a rule of their own that take `-u user:pass`. */
const CLIS = [
  "grpcurl",
  "rclone",
  "kcat",
  "influx",
  "nats",
  "etcdctl",
  "clickhouse-client",
  "restic",
  "hey",
  "ab",
  "siege",
  "k6",
  "vegeta",
  "ffmpeg",
  "svn",
];

/** A seeded source of look-alike values. */
export interface RandomValues {
  value(kind: string): string;
  categoryOf(kind: string): string;
  /** `value` with about a third of its ASCII characters in full-width form (`ｇｈｐ＿…`): NFKC look-alikes. */
  lookalike(value: string): string;
  /** What is labelled for the last value of `kind` (a JWT's payload+signature, a PEM body). */
  labelValue(kind: string, value: string): string;
}

/**
 * Creates the generators, seeded for reproducible files.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createRandom } from "./random_values.ts";
 * import { base62, crc32 } from "../src/sanitizer/checksums.ts";
 * const a = createRandom(1, { crc32, base62 }).value("email");
 * assert(a === createRandom(1, { crc32, base62 }).value("email"));
 * ```
 */
export function createRandom(seed: number, { crc32, base62 }: Checksums): RandomValues {
  const { next, int, pick } = seededRandom(seed);
  const chars = (alphabet: string, n: number) => {
    let out = "";
    for (let k = 0; k < n; k++) out += alphabet[Math.floor(next() * alphabet.length)];
    return out;
  };
  const mixed = (alphabet: string, n: number) => {
    // Guarantee upper, lower and digit so the value looks generated.
    let v = chars(alphabet, n - 3);
    v += pick([...UPPER]) + pick([...LOWER]) + pick([...DIGITS]);
    return [...v].sort(() => next() - 0.5).join("");
  };
  const b64 = (bytes: number) =>
    btoa(String.fromCharCode(...Array.from({ length: bytes }, () => int(0, 255))));
  const b64url = (text: string) =>
    btoa(text).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
  const luhn = (prefix: string, length: number) => {
    let body = prefix + chars(DIGITS, length - prefix.length - 1);
    let sum = 0;
    for (let k = 0; k < body.length; k++) {
      let d = Number(body[body.length - 1 - k]);
      if (k % 2 === 0) {
        d *= 2;
        if (d > 9) d -= 9;
      }
      sum += d;
    }
    body += String((10 - (sum % 10)) % 10);
    return body;
  };
  const groupCard = (digits: string, sep: string) =>
    digits.length === 15
      ? [digits.slice(0, 4), digits.slice(4, 10), digits.slice(10)].join(sep)
      : (digits.match(/.{1,4}/g) ?? []).join(sep);
  const password = () =>
    pick([
      () => mixed(ALNUM, int(10, 16)),
      () =>
        `${pick(["Tr0ub4dor", "Zx9", "Pq7", "Moonl1ght", "Kestrel", "Vx4r"])}${
          pick(["!", "#", "&3", "@2024", "$$", "_x"])
        }${chars(DIGITS, 2)}`,
      () => `${chars(LOWER, 5)}-${chars(LOWER, 4)}-${chars(DIGITS, 3)}${pick(["!", "?", "%"])}`,
    ])();
  const ghRandom = () => {
    const r = chars(ALNUM, 30);
    return r + base62(crc32(r), 6);
  };
  const pem = (label: string, lines: number, escaped: boolean) => {
    const body = Array.from({ length: lines }, () => chars(B64, 64)).join(escaped ? "\\n" : "\n") +
      (escaped ? "\\n" : "\n") + chars(B64, int(8, 40)) + "==";
    return {
      body,
      full: `-----BEGIN ${label}PRIVATE KEY-----${escaped ? "\\n" : "\n"}${body}${
        escaped ? "\\n" : "\n"
      }-----END ${label}PRIVATE KEY-----`,
    };
  };
  let lastJwtTail = "";
  let lastPemBody = "";
  const kinds: Record<string, [string, () => string]> = {
    email: [
      "email",
      () =>
        `${pick(FIRST)}.${pick(LAST)}@${
          pick([...ORGS.map((o) => `${o}.${pick(ORG_TLDS)}`), ...EMAIL_DOMAINS])
        }`,
    ],
    email_plus: [
      "email",
      () => `${pick(FIRST)}+${pick(["ci", "github", "alerts", "test"])}@${pick(EMAIL_DOMAINS)}`,
    ],
    email_upper: [
      "email",
      () =>
        `${pick(FIRST).toUpperCase()}.${pick(LAST).toUpperCase()}@${pick(ORGS).toUpperCase()}.COM`,
    ],
    user: ["home_user", () => pick(UNIX_USERS)],
    winuser: ["home_user", () => pick(WIN_USERS)],
    ip_private: [
      "ipv4",
      () =>
        pick([
          () => `10.${int(0, 255)}.${int(0, 255)}.${int(2, 254)}`,
          () => `172.${int(16, 31)}.${int(0, 255)}.${int(2, 254)}`,
          () => `192.168.${int(0, 255)}.${int(2, 254)}`,
        ])(),
    ],
    ip_cgnat: ["ipv4", () => `100.${int(64, 127)}.${int(0, 255)}.${int(2, 254)}`],
    ip_public: [
      "ipv4",
      () =>
        pick([
          () =>
            `${pick([34, 52, 81, 91, 145, 185, 203, 198])}.${int(1, 254)}.${int(0, 255)}.${
              int(2, 254)
            }`,
          () => `203.0.113.${int(2, 254)}`,
          () => `198.51.100.${int(2, 254)}`,
        ])(),
    ],
    ipv6_global: [
      "ipv6",
      () => `2a01:${chars(HEX, 3)}:${chars(HEX, 4)}:${chars(HEX, 4)}::${chars(HEX, 3)}`,
    ],
    ipv6_full: [
      "ipv6",
      () =>
        `2001:db8:${chars(HEX, 4)}:${chars(HEX, 4)}:${chars(HEX, 4)}:${chars(HEX, 4)}:${
          chars(HEX, 4)
        }:${chars(HEX, 4)}`,
    ],
    ipv6_ula: ["ipv6", () => `fd${chars(HEX, 2)}:${chars(HEX, 4)}:${chars(HEX, 4)}::${int(1, 99)}`],
    ipv6_ll: [
      "ipv6",
      () => `fe80::${chars(HEX, 4)}:${chars(HEX, 2)}ff:fe${chars(HEX, 2)}:${chars(HEX, 4)}`,
    ],
    mac: ["mac", () => Array.from({ length: 6 }, () => chars(HEX, 2)).join(":")],
    mac_upper: [
      "mac",
      () => Array.from({ length: 6 }, () => chars(HEX, 2)).join(":").toUpperCase(),
    ],
    mac_dash: ["mac", () => Array.from({ length: 6 }, () => chars(HEX, 2)).join("-").toUpperCase()],
    mac_cisco: ["mac", () => `${chars(HEX, 4)}.${chars(HEX, 4)}.${chars(HEX, 4)}`],
    host_private: ["hostname", () => `${pick(HOST_PREFIX)}.${pick(PRIVATE_SUFFIX)}`],
    host_org: ["hostname", () => `${pick(HOST_PREFIX)}.${pick(ORGS)}.${pick(ORG_TLDS)}`],
    pw: ["password", password],
    pw_enc: [
      "url_credential",
      () => `${chars(ALNUM, 6)}%21${chars(ALNUM, 4)}%40${chars(DIGITS, 2)}`,
    ],
    bearer: ["auth_header", () => mixed(ALNUM + "-_.", int(32, 48))],
    basic: ["auth_header", () => btoa(`${pick(UNIX_USERS)}:${password()}`)],
    apikey: ["auth_header", () => mixed(ALNUM, 32)],
    session: ["auth_header", () => mixed(ALNUM, int(26, 40))],
    jwt: ["jwt", () => {
      const header = b64url(JSON.stringify({ alg: pick(["HS256", "RS256", "ES256"]), typ: "JWT" }));
      const payload = b64url(
        JSON.stringify({
          sub: String(int(1000, 99999)),
          name: pick(PERSON),
          iat: int(1700000000, 1760000000),
        }),
      );
      const sig = chars(B64URL, pick([43, 86, 342]));
      lastJwtTail = `${payload}.${sig}`;
      return `${header}.${payload}.${sig}`;
    }],
    aws_key_id: ["aws_access_key_id", () => `${pick(["AKIA", "ASIA"])}${chars(AWS_ID, 16)}`],
    aws_secret: ["aws_secret", () => mixed(ALNUM + "/+", 40)],
    aws_session: ["aws_secret", () => `IQoJb3JpZ2luX2VjE${chars(B64, 300)}`],
    gcp_api: ["gcp_key", () => `AIza${chars(ALNUM + "-_", 35)}`],
    gcp_oauth: ["gcp_key", () => `ya29.${chars(ALNUM + "-_", 120)}`],
    gcp_secret: ["gcp_key", () => `GOCSPX-${chars(ALNUM + "-_", 28)}`],
    azure_storage: ["azure_key", () => `${chars(B64, 86)}==`],
    azure_client: [
      "azure_key",
      () => `${chars(ALNUM, 3)}${int(0, 9)}Q~${chars(ALNUM + "_~.-", 34)}`,
    ],
    azure_sas: ["azure_key", () => `${chars(ALNUM, 40)}%3D`],
    gh_token: ["github_token", () => `${pick(["ghp", "gho", "ghu", "ghs", "ghr"])}_${ghRandom()}`],
    gh_pat: ["github_token", () => `github_pat_11${chars(UPPER + DIGITS, 20)}_${chars(ALNUM, 59)}`],
    gl_token: [
      "gitlab_token",
      () =>
        pick([
          `glpat-${chars(ALNUM + "-_", 20)}`,
          `glpat-${chars(ALNUM + "-_", 27)}.01.${chars(ALNUM, 9)}`,
          `gldt-${chars(ALNUM + "-_", 20)}`,
          `glrt-${chars(ALNUM + "-_", 20)}`,
          `glptt-${chars(HEX, 40)}`,
        ]),
    ],
    slack_bot: [
      "slack_token",
      () => `xoxb-${chars(DIGITS, 12)}-${chars(DIGITS, 13)}-${chars(ALNUM, 24)}`,
    ],
    slack_user: [
      "slack_token",
      () => `xoxp-${chars(DIGITS, 12)}-${chars(DIGITS, 12)}-${chars(DIGITS, 13)}-${chars(HEX, 32)}`,
    ],
    slack_app: [
      "slack_token",
      () => `xapp-1-A${chars(UPPER + DIGITS, 10)}-${chars(DIGITS, 13)}-${chars(HEX, 64)}`,
    ],
    slack_hook: [
      "slack_token",
      () => `T${chars(UPPER + DIGITS, 10)}/B${chars(UPPER + DIGITS, 10)}/${chars(ALNUM, 24)}`,
    ],
    stripe: [
      "stripe_key",
      () => `${pick(["sk_live_", "rk_live_", "sk_test_"])}${chars(ALNUM, pick([24, 99]))}`,
    ],
    stripe_whsec: ["stripe_key", () => `whsec_${chars(ALNUM, 32)}`],
    openai: [
      "openai_key",
      () =>
        pick([
          `sk-${chars(ALNUM, 20)}T3BlbkFJ${chars(ALNUM, 20)}`,
          `sk-proj-${chars(ALNUM + "-_", 156)}`,
          `sk-svcacct-${chars(ALNUM + "-_", 120)}`,
          `sk-admin-${chars(ALNUM + "-_", 100)}`,
        ]),
    ],
    anthropic: [
      "anthropic_key",
      () => `sk-ant-${pick(["api03", "admin01"])}-${chars(ALNUM + "-_", 93)}AA`,
    ],
    npm: ["npm_token", () => `npm_${ghRandom()}`],
    pypi: ["pypi_token", () => `pypi-AgEIcHlwaS5vcmc${chars(B64URL, int(60, 160))}`],
    hf: ["other_token", () => `hf_${chars(ALNUM, 34)}`],
    vault: ["other_token", () => `hvs.${chars(ALNUM + "-_", 90)}`],
    sendgrid: ["other_token", () => `SG.${chars(ALNUM + "-_", 22)}.${chars(ALNUM + "-_", 43)}`],
    pem_rsa: ["private_key", () => {
      const p = pem("RSA ", int(3, 8), false);
      lastPemBody = p.body;
      return p.full;
    }],
    pem_pkcs8: ["private_key", () => {
      const p = pem("", int(3, 8), false);
      lastPemBody = p.body;
      return p.full;
    }],
    pem_ec: ["private_key", () => {
      const p = pem("EC ", 3, false);
      lastPemBody = p.body;
      return p.full;
    }],
    pem_openssh: ["private_key", () => {
      const p = pem("OPENSSH ", int(4, 7), false);
      lastPemBody = p.body;
      return p.full;
    }],
    pem_escaped: ["private_key", () => {
      const p = pem("", int(3, 6), true);
      lastPemBody = p.body;
      return p.full;
    }],
    secret_hex: ["secret_env", () => chars(HEX, pick([32, 40, 64]))],
    secret_b64: ["secret_env", () => b64(pick([24, 32, 48]))],
    secret_alnum: ["secret_env", () => mixed(ALNUM, pick([20, 32, 40]))],
    secret_uuid: ["secret_env", () => uuid()],
    card: ["credit_card", () => {
      const [prefix, length] = pick(
        [["4", 16], ["51", 16], ["55", 16], ["2221", 16], ["34", 15], ["37", 15], ["6011", 16], [
          "65",
          16,
        ], ["4", 13]] as const,
      );
      return groupCard(luhn(prefix, length), pick(["", " ", "-"]));
    }],
    phone_us: ["phone", () => {
      const a = `${int(2, 9)}${int(0, 9)}${int(2, 9)}`;
      const e = `${int(2, 9)}${int(1, 9)}${int(2, 9)}`;
      const l = chars(DIGITS, 4);
      return pick([
        `(${a}) ${e}-${l}`,
        `${a}-${e}-${l}`,
        `+1 ${a} ${e} ${l}`,
        `+1-${a}-${e}-${l}`,
        `${a}.${e}.${l}`,
        `1-${a}-${e}-${l}`,
        `+1${a}${e}${l}`,
      ]);
    }],
    phone_uk: [
      "phone",
      () =>
        pick([
          `+44 20 7${chars(DIGITS, 3)} ${chars(DIGITS, 4)}`,
          `+44 7700 9${chars(DIGITS, 5)}`,
          `020 7${chars(DIGITS, 3)} ${chars(DIGITS, 4)}`,
          `07700 9${chars(DIGITS, 5)}`,
          `+44 (0)161 ${chars(DIGITS, 3)} ${chars(DIGITS, 4)}`,
        ]),
    ],
    phone_de: [
      "phone",
      () =>
        pick([
          `+49 30 ${chars(DIGITS, 8)}`,
          `+49 151 ${chars(DIGITS, 8)}`,
          `030 ${chars(DIGITS, 8)}`,
          `0151 ${chars(DIGITS, 8)}`,
          `+49 (0)89 ${chars(DIGITS, 7)}`,
          `+49-89-${chars(DIGITS, 7)}`,
        ]),
    ],
    phone_fr: [
      "phone",
      () =>
        pick([
          `+33 1 ${chars(DIGITS, 2)} ${chars(DIGITS, 2)} ${chars(DIGITS, 2)} ${chars(DIGITS, 2)}`,
          `+33 6 ${chars(DIGITS, 2)} ${chars(DIGITS, 2)} ${chars(DIGITS, 2)} ${chars(DIGITS, 2)}`,
          `01 ${chars(DIGITS, 2)} ${chars(DIGITS, 2)} ${chars(DIGITS, 2)} ${chars(DIGITS, 2)}`,
          `06.${chars(DIGITS, 2)}.${chars(DIGITS, 2)}.${chars(DIGITS, 2)}.${chars(DIGITS, 2)}`,
        ]),
    ],
    phone_in: [
      "phone",
      () =>
        pick([
          `+91 9${chars(DIGITS, 4)} ${chars(DIGITS, 5)}`,
          `+91-9${chars(DIGITS, 9)}`,
          `98${chars(DIGITS, 3)} ${chars(DIGITS, 5)}`,
        ]),
    ],
    phone_jp: [
      "phone",
      () =>
        pick([
          `+81 3-${chars(DIGITS, 4)}-${chars(DIGITS, 4)}`,
          `03-${chars(DIGITS, 4)}-${chars(DIGITS, 4)}`,
          `090-${chars(DIGITS, 4)}-${chars(DIGITS, 4)}`,
          `+81 90 ${chars(DIGITS, 4)} ${chars(DIGITS, 4)}`,
        ]),
    ],
    login: ["username", () => pick(UNIX_USERS.filter((u) => !u.includes(".")))],
    person: ["person_name", () => pick(PERSON)],
    // Keep classes.
    sha_short: ["git_sha", () => chars(HEX, pick([5, 6, 8, 10])) + "a7"],
    sha_long: ["git_sha", () => chars(HEX, 38) + "a7"],
    digest: ["digest", () => `sha256:${chars(HEX, 64)}`],
    hex64: ["digest", () => chars(HEX, 62) + "f1"],
    integrity: ["integrity_hash", () => `sha512-${chars(B64, 86)}==`],
    fingerprint: ["key_fingerprint", () => `SHA256:${chars(B64, 43)}`],
    gpg_id: ["key_fingerprint", () => chars("0123456789ABCDEF", 15) + "E"],
    container_id: ["container_id", () => chars(HEX, 10) + "c4"],
    uuid: ["uuid", () => uuid()],
    version: ["version", () => pick(VERSIONS)],
    dq_version: ["dotted_quad_version", () => pick(DQ_VERSIONS)],
    image: ["docker_image", () => pick(IMAGES)],
    port_map: [
      "port_mapping",
      () =>
        pick([
          "8080:80",
          "5432:5432",
          "127.0.0.1:8443:443",
          "3000:3000",
          "6379:6379",
          "0.0.0.0:9090:9090",
        ]),
    ],
    loopback: ["loopback", () => pick(LOOPBACK)],
    well_known_ip: ["well_known_ip", () => pick(WELL_KNOWN)],
    netmask: ["netmask", () => pick(NETMASKS)],
    mac_broadcast: [
      "mac_broadcast",
      () => pick(["ff:ff:ff:ff:ff:ff", "FF:FF:FF:FF:FF:FF", "00:00:00:00:00:00"]),
    ],
    public_host: ["public_host", () => pick(PUBLIC_HOSTS)],
    generic_path: ["generic_path", () => pick(GENERIC_PATHS)],
    default_path: ["default_account_path", () => pick(DEFAULT_PATHS)],
    service_account: ["service_account", () => pick(SERVICE_ACCOUNTS)],
    placeholder: ["placeholder", () => pick(PLACEHOLDERS)],
    nonsecret_env: ["nonsecret_env", () => pick(NONSECRET_ENV)],
    base64_data: ["base64_data", () => pick(BASE64_DATA)],
    number: [
      "number",
      () =>
        pick([
          String(int(100, 99999)),
          String(int(1700000000, 1800000000)),
          nonLuhn16(),
          `${int(1, 999)}M`,
          String(int(1000000, 99999999)),
        ]),
    ],
    time_date: [
      "time_date",
      () =>
        pick([
          `2024-0${int(1, 9)}-1${int(0, 9)}`,
          `2025-11-0${int(1, 9)}T1${int(0, 9)}:${int(10, 59)}:${int(10, 59)}Z`,
          `1${int(0, 9)}:${int(10, 59)}:${int(10, 59)}`,
          "Mon Nov 24 23:14:05 UTC 2026",
        ]),
    ],
    git_remote: [
      "git_remote",
      () => `git@github.com:${pick(ORGS)}/${pick(["api", "web", "infra", "caro"])}.git`,
    ],
    package_spec: ["package_spec", () => pick(PACKAGE_SPECS)],
    flag: ["flag", () => pick(FLAGS)],
    org: ["neutral", () => pick(ORGS)],
    first: ["neutral", () => pick(FIRST)],
    // Shapes added with the outside corpus (generators only; the labelled set does not use them).
    email_zero_width: [
      "email",
      () => {
        const address = kinds.email[1]();
        const at = int(1, address.length - 1);
        return address.slice(0, at) + pick(INVISIBLE) + address.slice(at);
      },
    ],
    email_fullwidth: [
      "email",
      () => {
        const address = kinds.email[1]().replace("@", "＠");
        return next() < 0.5 ? address : address.replace(/\.(?=[a-z]+$)/, "．");
      },
    ],
    secret_var_name: ["neutral", () => pick(SECRET_VAR_NAMES)],
    cli: ["neutral", () => pick(CLIS)],
  };
  function uuid(): string {
    return `${chars(HEX, 8)}-${chars(HEX, 4)}-4${chars(HEX, 3)}-${pick(["8", "9", "a", "b"])}${
      chars(HEX, 3)
    }-${chars(HEX, 12)}`;
  }
  function nonLuhn16(): string {
    for (;;) {
      const v = `${int(1, 9)}${chars(DIGITS, 15)}`;
      let sum = 0;
      for (let k = 0; k < 16; k++) {
        let d = Number(v[15 - k]);
        if (k % 2 === 1) {
          d *= 2;
          if (d > 9) d -= 9;
        }
        sum += d;
      }
      if (sum % 10 !== 0) return v;
    }
  }
  return {
    lookalike(value: string): string {
      // NFKC folds a full-width form (U+FF01–FF5E) back to its ASCII character.
      return [...value].map((c) =>
        c >= "!" && c <= "~" && next() < 0.3 ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c
      ).join("");
    },
    value(kind: string): string {
      const entry = kinds[kind];
      if (!entry) throw new Error(`unknown value kind ${kind}`);
      return entry[1]();
    },
    categoryOf(kind: string): string {
      return kinds[kind][0];
    },
    /** The label of the last JWT / PEM: only the payload+signature / the body. */
    labelValue(kind: string, value: string): string {
      if (kind === "jwt") return lastJwtTail;
      if (kind.startsWith("pem_")) return lastPemBody;
      return value;
    },
  };
}
