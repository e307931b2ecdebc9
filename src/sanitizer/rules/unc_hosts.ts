/**
 * UNC server names: `\\fileserver.acme.corp\projects` becomes
 * `\\<HOST>\projects`; also JSON-escaped (`\\\\fs.acme.corp\\share`), long
 * (`\\?\UNC\fs.acme.corp\share`) and without a share
 * (`net view \\fs.acme.corp`). The share and the rest of the path stay. The
 * host-name rule of the network pass never sees these names: a name after a
 * backslash is a path segment there (`C:\src\app.config`).
 *
 * Only dotted names are redacted, as the policy's hostname row asks
 * (private suffixes, organisation FQDNs). A single NetBIOS label
 * (`\\fileserver01\home$\…`) stays, as the network pass keeps single-label
 * names outside a host context: the labelled sets leave such a server
 * unlabelled beside the user it holds, and redacting it cost 0.12 points of
 * innocent tokens on `labelled.jsonl` (99.57 % → 99.45 %, under the 99.5 %
 * bar). Public hosts (`\\files.example.com\x`) and `wsl.localhost` stay;
 * IPv4 addresses are left to the network pass (`\\<IP>\share`). A path whose
 * separators are escaped differently from its leading pair (`\\d\\w` in a
 * JSON-escaped regex), or glued to a word or drive (`C:\\Users\x`), is no
 * UNC path.
 *
 * @module
 */
import type { SpanBoard } from "../span_board.ts";
import { eachMatch, groupRange } from "./scan.ts";
import { hasPrivateSuffix, isPublicHost } from "./public_hosts.ts";

/** A UNC prefix and dotted server name whose separator is `sep` (regex source), then a share or a blank. */
const uncPattern = (sep: string) =>
  new RegExp(
    String
      .raw`(?<![\\\w:.\/])${sep}${sep}(?:\?${sep}UNC${sep})?([A-Za-z0-9][A-Za-z0-9_$-]{0,62}(?:\.[A-Za-z0-9_$-]{1,63}){1,10})\.?(?=${sep}[^\\\s"'<>|]|\s|$)`,
    "dgi",
  );
/** Raw (`\\srv\share`) and JSON-escaped (`\\\\srv\\share`) paths. */
const UNC_PATHS = [uncPattern(String.raw`\\`), uncPattern(String.raw`\\\\`)];
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/**
 * Redacts the dotted server names of UNC paths as `hostname`.
 *
 * @example A file server; a NetBIOS name and a public host stay
 * ```ts
 * import assert from "node:assert/strict";
 * import { SpanBoard } from "../span_board.ts";
 * import { uncHostPass } from "./unc_hosts.ts";
 * const board = new SpanBoard("net use Z: \\\\fileserver.acme.corp\\projects \\\\FS01\\x \\\\files.example.com\\y");
 * uncHostPass(board);
 * assert.equal(board.render().text, "net use Z: \\\\<HOST>\\projects \\\\FS01\\x \\\\files.example.com\\y");
 * ```
 */
export function uncHostPass(board: SpanBoard): void {
  const text = board.text;
  if (!text.includes("\\\\")) return;
  for (const pattern of UNC_PATHS) {
    eachMatch(pattern, text, (m) => {
      const [start, end] = groupRange(m, 1)!;
      const name = m[1].toLowerCase();
      if (IPV4.test(name)) return;
      if (!hasPrivateSuffix(name) && isPublicHost(name)) board.keep(start, end);
      else board.redact(start, end, "hostname");
    });
  }
}
