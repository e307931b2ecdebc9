/**
 * Network pass: MAC addresses, IPv4 and IPv6 addresses and host names, with
 * the policy's keep list: loopback and unspecified addresses, well-known
 * resolvers and the metadata address, netmasks, CIDR network addresses,
 * broadcast MACs, and public hosts. Host names with a private suffix or an
 * organisation FQDN are redacted; single-label names only where the context
 * says "host" (`ssh x`, `-h x`, `Could not resolve host: x`, `/etc/hosts`).
 *
 * @module
 */
import type { SpanBoard } from "../span_board.ts";
import { eachLeadMatch, eachMatch, groupRange } from "./scan.ts";
import { hasPrivateSuffix, HOST_TLDS, isPublicHost } from "./public_hosts.ts";

const OCTET = String.raw`(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)`;
const IPV4 = new RegExp(
  String.raw`(?<![\w.])(${OCTET}(?:\.${OCTET}){3})(?![\w]|\.\d)(\/\d{1,2})?`,
  "dg",
);
/** First group (read in a lookbehind, `eachLeadMatch`), the rest of the address, prefix length. */
const IPV6 =
  /(?<=(?<![\w:.%])([0-9A-Fa-f]{0,4})):((?:[0-9A-Fa-f]{0,4}:){1,6}(?:[0-9A-Fa-f]{1,4}|\d{1,3}(?:\.\d{1,3}){3})?)(?![\w]|:[^\s]|\.\d)(\/\d{1,3})?/dg;
const MAC = /(?<![\w:.-])[0-9A-Fa-f]{2}([:-])(?:[0-9A-Fa-f]{2}\1){4}[0-9A-Fa-f]{2}(?![\w:-])/g;
// These two read their first group or label in a lookbehind too.
const CISCO_MAC = /(?<=(?<![\w.])([0-9a-fA-F]{4}))\.[0-9a-fA-F]{4}\.[0-9a-fA-F]{4}(?![\w.])/dg;
/** A dotted name: first label, more labels, TLD (group 2). */
const HOSTNAME =
  /(?<=(?<![A-Za-z0-9_\\-]|(?<!(?:^|[\s"'`(=,])\*)\.)([A-Za-z0-9](?:[A-Za-z0-9-]{0,62})))\.(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})\.){0,9}([A-Za-z][A-Za-z0-9-]{1,23})(?![A-Za-z0-9_-]|\.[A-Za-z0-9])/dg;
const ATTACHED_HOST =
  /(?<=^|\s)-h((?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})\.){1,10}[A-Za-z][A-Za-z0-9-]{1,23})(?![A-Za-z0-9_.-])/dg;
const HOST_CONTEXT =
  /(?:(?:^|[\s"'`(])(?:ssh|scp|sftp|mosh|ping|ping6|traceroute|tracepath|mtr|nslookup|dig|host|telnet|nc|ncat|netcat|ssh-copy-id|ssh-keyscan|rsync|Host|HostName|ProxyJump|-h|--host|--hostname|-H|--server|--proxy|-J)(?:[ \t]+-[A-Za-z0-9]{1,3}(?:[ \t]+\d{1,5})?){0,4}[ \t]+(?:[A-Za-z0-9_.-]{1,64}@)?|--host(?:name)?=|\b(?:resolve host|host name|hostname|unknown host)[:]?[ \t]{0,2}["'(]?|\b(?:host|server|Host|Server)(?::[ \t]{0,2}["'(]?|[ \t]{1,2}["'])|ENOTFOUND[ \t]+|EAI_AGAIN[ \t]+|connect to host[ \t]+|getaddrinfo[^\n]{0,40}?[ \t])([A-Za-z][A-Za-z0-9-]{2,62})(?![\w.@\/-])/dg;
const HOSTS_LINE =
  /^[ \t]*(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9a-fA-F]{0,4}:[0-9a-fA-F:]{1,38})[ \t]+([A-Za-z0-9.-]{1,253}(?:[ \t]+[A-Za-z0-9.-]{1,253}){0,8})[ \t]*(?:#[^\n]{0,200})?$/dgm;
const COMMON_SERVICE_NAMES = new Set([
  "localhost",
  "db",
  "database",
  "redis",
  "postgres",
  "postgresql",
  "mysql",
  "mariadb",
  "mongo",
  "mongodb",
  "cache",
  "api",
  "web",
  "app",
  "backend",
  "frontend",
  "proxy",
  "nginx",
  "rabbitmq",
  "kafka",
  "zookeeper",
  "elasticsearch",
  "minio",
  "server",
  "client",
  "host",
  "port",
  "name",
  "not",
  "the",
  "for",
  "name",
  "and",
  "with",
  "from",
  "was",
  "found",
  "unknown",
  "failed",
  "address",
  "lookup",
  "error",
  "timeout",
  "refused",
  "key",
  "verification",
  "is",
  "via",
  "broadcasthost",
  "ip6-localhost",
  "ip6-loopback",
  "ip6-localnet",
  "ip6-mcastprefix",
  "ip6-allnodes",
  "ip6-allrouters",
  "all",
  "any",
  "none",
  "default",
  "github",
  "gitlab",
  "origin",
  "upstream",
  "main",
  "master",
  "self",
  "remote",
  "local",
  "example",
  "myhost",
  "hostname",
  "yourhost",
  "your-host",
  "your-server",
  "myserver",
  "machine",
  "node",
  "worker",
  "manager",
  "vault",
  "consul",
  "jenkins",
  "grafana",
  "prometheus",
  "traefik",
  "caddy",
]);
const WELL_KNOWN_IPV4 = new Set([
  "8.8.8.8",
  "8.8.4.4",
  "1.1.1.1",
  "1.0.0.1",
  "9.9.9.9",
  "149.112.112.112",
  "208.67.222.222",
  "208.67.220.220",
  "169.254.169.254",
  "255.255.255.255",
  "224.0.0.251",
  "239.255.255.250",
  "64.6.64.6",
  "64.6.65.6",
  "94.140.14.14",
  "76.76.2.0",
  "169.254.170.2",
  "168.63.129.16",
]);
const WELL_KNOWN_IPV6 = new Set([
  "::1",
  "::",
  "2001:4860:4860::8888",
  "2001:4860:4860::8844",
  "2606:4700:4700::1111",
  "2606:4700:4700::1001",
  "2620:fe::fe",
  "2620:fe::9",
  "fd00:ec2::254",
  "ff02::1",
  "ff02::2",
  "fe80::",
  "::ffff:127.0.0.1",
]);
/** Documented names that say nothing about a network: loopback and container/cloud aliases. */
const WELL_KNOWN_PRIVATE_NAMES = new Set([
  "localhost.localdomain",
  "host.docker.internal",
  "gateway.docker.internal",
  "kubernetes.docker.internal",
  "host.containers.internal",
  "host.lima.internal",
  "metadata.google.internal",
  "kubernetes.default.svc.cluster.local",
]);
const MASK_OCTETS = new Set([0, 128, 192, 224, 240, 248, 252, 254, 255]);

/**
 * Runs the network rules over `board`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SpanBoard } from "../span_board.ts";
 * import { networkPass } from "./network.ts";
 * const board = new SpanBoard("curl http://10.0.3.7:8080 http://127.0.0.1 https://pypi.org");
 * networkPass(board);
 * assert(board.render().text === "curl http://<IP>:8080 http://127.0.0.1 https://pypi.org");
 * ```
 */
export function networkPass(board: SpanBoard): void {
  const text = board.text;
  if (text.includes(":") || text.includes("-") || text.includes(".")) {
    eachMatch(MAC, text, (m) => {
      const mac = m[0].toLowerCase().replace(/-/g, ":");
      if (mac === "ff:ff:ff:ff:ff:ff" || mac === "00:00:00:00:00:00") {
        board.keep(m.index, m.index + m[0].length);
      } else board.redact(m.index, m.index + m[0].length, "mac");
    });
    eachLeadMatch(CISCO_MAC, text, (m, start) => {
      const end = m.index + m[0].length;
      if (text.slice(start, end).toLowerCase() !== "ffff.ffff.ffff") {
        board.redact(start, end, "mac");
      }
    });
  }
  if (text.includes(".")) eachMatch(IPV4, text, (m) => classifyIpv4(board, m));
  if (text.includes(":")) eachLeadMatch(IPV6, text, (m, start) => classifyIpv6(board, start, m));
  if (text.includes(".")) {
    eachLeadMatch(
      HOSTNAME,
      text,
      (m, start) => classifyHost(board, start, m.index + m[0].length, m[2]),
    );
  }
  // A host glued to its option (`psql -hdb.example.net`, `mysql -hdb1.corp`).
  if (text.includes("-h")) {
    eachMatch(ATTACHED_HOST, text, (m) => {
      const [start, end] = groupRange(m, 1)!;
      if (!isPublicHost(m[1].toLowerCase()) && board.isFree(start, end)) {
        board.redact(start, end, "hostname");
      }
    });
  }
  eachMatch(HOST_CONTEXT, text, (m) => {
    const name = m[1];
    if (COMMON_SERVICE_NAMES.has(name.toLowerCase()) || !/[\d-]/.test(name)) return;
    const [start, end] = groupRange(m, 1)!;
    board.redact(start, end, "hostname");
  });
  if (text.includes("\n") || /^\s*\d/.test(text)) {
    // A log line may start with an address too ("10.0.0.5 is unreachable"): the
    // single-label names of a line count only in a hosts file (it says "hosts",
    // or the line also has a dotted name, or several lines look alike).
    const hostsFile = /hosts/i.test(text) || countMatches(HOSTS_LINE, text) >= 2;
    eachMatch(HOSTS_LINE, text, (m) => {
      if (!hostsFile && !/[A-Za-z0-9]\.[A-Za-z]/.test(m[1])) return;
      const [start] = groupRange(m, 1)!;
      eachMatch(/[A-Za-z][A-Za-z0-9-]{1,62}/g, m[1], (name) => {
        const at = start + name.index;
        const after = m[1][name.index + name[0].length];
        if (after === "." || COMMON_SERVICE_NAMES.has(name[0].toLowerCase())) return;
        if (/^(?:ip6|localhost)/.test(name[0])) return;
        if (board.isFree(at, at + name[0].length)) {
          board.redact(at, at + name[0].length, "hostname");
        }
      });
    });
  }
}

function countMatches(pattern: RegExp, text: string): number {
  let count = 0;
  eachMatch(pattern, text, () => count++);
  return count;
}

function classifyIpv4(board: SpanBoard, m: RegExpExecArray): void {
  const [start, end] = groupRange(m, 1)!;
  const ip = m[1];
  const octets = ip.split(".").map(Number);
  const prefix = m[2] ? Number(m[2].slice(1)) : undefined;
  const keep = octets[0] === 127 || ip === "0.0.0.0" || WELL_KNOWN_IPV4.has(ip) ||
    isNetmask(octets) || (prefix !== undefined && isNetworkAddress(octets, prefix));
  if (keep) board.keep(start, m.index + m[0].length);
  else board.redact(start, end, "ipv4");
}

function isNetmask(octets: number[]): boolean {
  if (!octets.every((o) => MASK_OCTETS.has(o))) return false;
  const bits = octets.map((o) => o.toString(2).padStart(8, "0")).join("");
  return /^1+0*$/.test(bits) || /^0+1*$/.test(bits) && octets[0] === 0 && octets[3] !== 0;
}

function isNetworkAddress(octets: number[], prefix: number): boolean {
  if (prefix > 32) return false;
  const value = ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
  const hostBits = prefix === 0 ? 0xffffffff : (2 ** (32 - prefix)) - 1;
  return (value & hostBits) >>> 0 === 0;
}

function classifyIpv6(board: SpanBoard, start: number, m: RegExpExecArray): void {
  const matchEnd = groupRange(m, 2)![1];
  const whole = board.text.slice(start, matchEnd);
  const prefix = m[3];
  // `2a06:98c1:3121::1: Invalid response`: the colon after it ends the sentence.
  const trailing = /[^:]:$/.test(whole) && !prefix;
  const address = trailing ? whole.slice(0, -1) : whole;
  const end = trailing ? matchEnd - 1 : matchEnd;
  if (!isIpv6(address)) return;
  // An embedded IPv4 tail (`2001:db8::8a2e:192.168.0.1`) was redacted by the
  // IPv4 rule: the hex head is the rest of the address, unless it is only the
  // mapped or NAT64 prefix (`::ffff:`, `64:ff9b::`).
  // After a first run the tail is `<IP>`: the same rule for the head, so a
  // second run changes nothing (`::ffff:<IP>` stays, `<IPV6><IP>` too).
  if (/^<IP>/i.test(board.text.slice(matchEnd, matchEnd + 4))) {
    if (/^(?:::(?:ffff:)?|64:ff9b::)$/i.test(whole)) board.keep(start, matchEnd);
    else board.redact(start, matchEnd, "ipv6");
    return;
  }
  const tail = /\d{1,3}(?:\.\d{1,3}){3}$/.exec(address);
  if (tail) {
    const head = address.slice(0, tail.index).toLowerCase();
    if (!/^(?:::(?:ffff:)?|64:ff9b::)$/.test(head) && board.hasRedaction(start + tail.index, end)) {
      board.redact(start, start + tail.index, "ipv6");
    }
    if (board.hasRedaction(start + tail.index, end)) return;
  }
  const lower = address.toLowerCase();
  if (WELL_KNOWN_IPV6.has(lower) || (prefix && /^::$|^::\/0$/.test(lower + prefix))) {
    board.keep(start, m.index + m[0].length);
    return;
  }
  if (prefix && prefix !== "/128" && lower.endsWith("::")) {
    board.keep(start, m.index + m[0].length); // a prefix such as 2001:db8::/32 is neutral
    return;
  }
  board.redact(start, end, "ipv6");
}

/** Strict IPv6 syntax check with a plausibility rule (one group of ≥ 3 hex digits). */
function isIpv6(address: string): boolean {
  if (address === "::" || address === "::1") return true;
  const halves = address.split("::");
  if (halves.length > 2) return false;
  const groups = halves.flatMap((half) => (half === "" ? [] : half.split(":")));
  let count = groups.length;
  const last = groups[groups.length - 1] ?? "";
  if (last.includes(".")) {
    if (!/^\d{1,3}(?:\.\d{1,3}){3}$/.test(last)) return false;
    count += 1;
  }
  const hexGroups = last.includes(".") ? groups.slice(0, -1) : groups;
  if (!hexGroups.every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g))) return false;
  if (halves.length === 1 ? count !== 8 : count > 7) return false;
  return hexGroups.some((g) => g.length >= 3) || last.includes(".") || count >= 5;
}

function classifyHost(board: SpanBoard, start: number, end: number, tld: string): void {
  const host = board.text.slice(start, end);
  const lower = host.toLowerCase();
  if (hasPrivateSuffix(lower)) {
    if (WELL_KNOWN_PRIVATE_NAMES.has(lower)) board.keep(start, end);
    else board.redact(start, end, "hostname");
    return;
  }
  if (isPublicHost(lower)) {
    if (/\d{1,3}-\d{1,3}-\d{1,3}-\d{1,3}/.test(lower)) board.redact(start, end, "hostname");
    else board.keep(start, end);
    return;
  }
  // The authority of a URL is a host whatever its suffix (`http://grafana.monitoring:3000`).
  if (/:\/\/(?:[^\s\/@]{1,256}@)?$/.test(board.text.slice(Math.max(0, start - 300), start))) {
    board.redact(start, end, "hostname");
    return;
  }
  // Reverse-DNS identifiers (Java/Android packages, bundle ids) are not hosts.
  if (REVERSE_DNS.test(lower)) return;
  // After `ssh`, `ping`, `user@`, `-h`, any dotted name is a host, whatever its suffix.
  const window = board.text.slice(Math.max(0, start - 60), start);
  if (
    !FILE_LABELS.has(tld.toLowerCase()) &&
    (HOST_COMMAND_BEFORE.test(window) || /(?:@|-h |--host=|Host(?:Name)? )$/.test(window))
  ) {
    if (!isCodeLike(board.text, start, end, lower.split("."))) board.redact(start, end, "hostname");
    return;
  }
  const shouting = host === host.toUpperCase() && /^(?:COM|NET|ORG|IO)$/.test(tld);
  if ((tld !== tld.toLowerCase() && !shouting) || !HOST_TLDS.has(tld.toLowerCase())) return;
  if (isCodeLike(board.text, start, end, lower.split("."))) return;
  board.redact(start, end, "hostname");
}

const AMBIGUOUS_TLDS = new Set([
  "in",
  "is",
  "it",
  "to",
  "me",
  "at",
  "be",
  "so",
  "am",
  "as",
  "id",
  "my",
  "name",
  "no",
  "ai",
  "app",
  "sh",
  "py",
  "md",
  "rs",
  "pl",
  "ps",
  "ml",
  "cc",
  "cat",
  "tel",
  "run",
  "build",
  "tools",
  "zone",
  "page",
  "email",
  "host",
  "server",
  "news",
  "media",
  "global",
  "live",
  "today",
  "world",
  "team",
  "works",
  "center",
  "codes",
  "software",
  "store",
  "site",
  "online",
  "info",
  "tv",
  "fm",
  "ws",
  "ly",
  "gg",
  "mobi",
  "pro",
  "mk",
  "al",
  "am",
  "ge",
  "az",
  "md",
  "ba",
  "rs",
  "sa",
  "pe",
  "by",
]);
const CODE_WORDS =
  /^(?:self|this|os|sys|np|pd|tf|re|json|math|console|process|window|document|user|config|settings|env|args|data|item|obj|app|req|res|ctx|err|e|x|i|t|std|fs|path|url|http|file|node|module|exports|system|string|object|array|list|dict|str|int|logger|log)$/;

/** Two-label names that read like code or files (`user.name`, `self.id`, `logo.ai`). */
function isCodeLike(text: string, start: number, end: number, labels: string[]): boolean {
  if (labels.length === 2 && CODE_WORDS.test(labels[0])) return true;
  const tld = labels[labels.length - 1];
  const fileLike = (AMBIGUOUS_TLDS.has(tld) && labels.length === 2) ||
    labels.slice(1).some((l) => FILE_LABELS.has(l));
  if (!fileLike) return false;
  const before = text.slice(Math.max(0, start - 12), start);
  const after = text.slice(end, end + 8);
  const hostish =
    /(?:@|\/\/|(?:^|\s)-h ?|--host[= ]|host[:= ]|server[:= ]|tcp:|[A-Za-z]=)$/i.test(before) ||
    HOST_COMMAND_BEFORE.test(text.slice(Math.max(0, start - 60), start)) ||
    /^(?::\d{1,5}(?![\d:])|,\d{2,5}\b|\/(?!\/))/.test(after);
  return !hostish || /[\/\\]$/.test(before) && !before.endsWith("//");
}

const REVERSE_DNS =
  /^(?:com|org|net|io|de|fr|uk|nl|edu|gov|dev|app|me|co|ch|se|jp|cn|ru|it|es|android|java|javax|kotlin|scala|androidx|dev)\.[a-z0-9-]+\.[a-z0-9.-]+$/;
const HOST_COMMAND_BEFORE =
  /(?:^|[\s"'`(])(?:ssh|scp|sftp|telnet|ping6?|dig|nslookup|host|curl|wget|nc|ncat|traceroute|mtr|mosh|rsync|psql|mysql|redis-cli|mongosh|mongo|ftp|openssl s_client -connect)(?:[ \t]+-{1,2}[A-Za-z0-9=+-]{1,20}(?:[ \t]+\d{1,5})?){0,4}[ \t]+(?:[A-Za-z0-9_.-]{1,40}@)?$/;

/** Labels that are file extensions (`config.h.in`, `app.test.js`). */
const FILE_LABELS = new Set([
  "h",
  "c",
  "cc",
  "cpp",
  "hpp",
  "js",
  "ts",
  "mjs",
  "jsx",
  "tsx",
  "py",
  "rb",
  "rs",
  "go",
  "java",
  "json",
  "yaml",
  "yml",
  "toml",
  "md",
  "txt",
  "sh",
  "lock",
  "min",
  "test",
  "spec",
  "d",
  "conf",
  "pem",
  "key",
  "pub",
  "crt",
  "cer",
  "p12",
  "pfx",
  "ppk",
  "cfg",
  "ini",
  "log",
  "gz",
  "tgz",
  "zip",
  "tar",
  "xz",
  "bz2",
  "sql",
  "csv",
  "xml",
  "html",
  "env",
  "bak",
  "old",
  "tmp",
  "service",
  "socket",
]);
