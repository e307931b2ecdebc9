/**
 * Keep pass: innocent text that later, guess-based passes (network, paths,
 * cards, phones) could mistake for personal data. Placeholders, UUIDs, SHAs
 * and other hex ids, digests and integrity hashes, key fingerprints,
 * versions (dotted quads only after `--version`, `==`, "version" …), dates
 * and times, and port mappings are claimed so nothing after can touch them.
 *
 * @module
 */
import type { SpanBoard } from "../span_board.ts";
import { eachLeadMatch, eachMatch, groupRange } from "./scan.ts";

const KEEP_PATTERNS: readonly RegExp[] = [
  // Placeholders.
  /\$\{\{[^}\n]{1,200}\}\}/g,
  /(?<!\$)\{\{[^}\n]{1,200}\}\}/g,
  /\$\{[A-Za-z_][^}\n\/]{0,120}\}/g,
  /\$[A-Za-z_][A-Za-z0-9_]{0,100}/g,
  /%[A-Za-z_][A-Za-z0-9_]{0,60}%/g,
  /<[A-Za-z][A-Za-z0-9_:-]{0,60}>/g,
  /\*{3,200}/g,
  // Identifiers and hashes.
  /(?:sha1|sha224|sha256|sha384|sha512|md5|blake2b|blake3)[:=][0-9a-fA-F]{32,128}/g,
  /sha(?:1|256|384|512)-[A-Za-z0-9+\/]{27,100}={0,2}/g,
  /SHA256:[A-Za-z0-9+\/]{43}=?/g,
  /MD5(?::[0-9a-f]{2}){16}/g,
  /(?<![A-Za-z0-9_+\/-])0x[0-9A-Fa-f]{4,64}(?![A-Za-z0-9_])/g,
  /(?<![A-Za-z0-9_+\/.-])(?=[0-9a-f]{0,127}[a-f])(?=[0-9a-f]{0,127}[0-9])[0-9a-f]{7,128}(?![A-Za-z0-9_+\/])/g,
  /(?<![A-Za-z0-9_+\/.-])(?=[0-9A-F]{0,39}[A-F])[0-9A-F]{16}(?:[0-9A-F]{24})?(?![A-Za-z0-9_+\/])/g,
  // Versions: v1.2, 1.2.3-rc.1+build, and dotted quads in a version context.
  /(?<![\w.\/:-])(?!\d{3}\.\d{3}\.\d{4}(?![\w.]))v?\d{1,5}\.\d{1,6}(?:\.\d{1,6})?(?:-[0-9A-Za-z][0-9A-Za-z.]{0,40})?(?:\+[0-9A-Za-z.]{1,40})?(?![\w.:]|\.\d)/g,
  /(?<=--version[= ]|-Version[= ]|==|>=|<=|~=|!=|version["']?[ \t]{0,2}[:= ][ \t]{0,2}["']?|\bVersion[ \t]{0,2}[:= ][ \t]{0,2}|\bver\.?[ =]|\bbuild[ :]{1,2}|\brelease[ :]{1,2}|\b(?:upgrade|update|downgrade|upgraded|updated|downgraded)[ \t]{1,2}(?:from|to)[ \t]{1,2}|\bfrom version[ \t]|\bto version[ \t]|\bv|[A-Za-z][-_])(\d{1,5}(?:\.\d{1,6}){3,4})(?![\w]|\.\d)/dgi,
  /\b(?:upgrad|updat|downgrad)\w{0,3}[ \t][^\n]{0,60}?\bto[ \t]{1,2}v?(\d{1,5}(?:\.\d{1,6}){3,4})(?![\w]|\.\d)/dgi,
  // Times and dates.
  /(?<![\w:.])\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?(?![\w:])/g,
  /(?<![\w\/.])(?:\d{1,2}\/\d{1,2}\/\d{4}|\d{4}\/\d{2}\/\d{2})(?![\w\/])/g,
];
/**
 * More of the same, each read in a lookbehind up to its first separator
 * (`eachLeadMatch`): UUIDs, key fingerprints, dotted quads naming a download,
 * ISO dates and times, port mappings.
 */
const LEAD_KEEP_PATTERNS: readonly RegExp[] = [
  /(?<=(?<![A-Za-z0-9_-])([0-9a-fA-F]{8}))-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![A-Za-z0-9_])/dg,
  /(?<=(?<![A-Za-z0-9])([0-9A-F]{4})) (?:[0-9A-F]{4} ){8}[0-9A-F]{4}(?![A-Za-z0-9])/dg,
  /(?<=(?<![\w.])(\d{1,5}))(?:\.\d{1,6}){3,4}(?=\.(?:tar|zip|exe|msi|nupkg|whl|jar|deb|rpm|dmg|pkg|gz|tgz|appx|msix|vsix|AppImage)\b)/dg,
  /(?<=(?<![\w.])(\d{4}))-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?![\w])/dg,
  /(?<=(?<![\w.:])(\d{1,5})):\d{1,5}(?:\/(?:tcp|udp|sctp))?(?![\w.:])/dg,
  /(?<=(?<![\w.:])(\d{1,5}))-\d{1,5}:\d{1,5}-\d{1,5}(?![\w.:])/dg,
];

/**
 * Runs the keep rules over `board`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SpanBoard } from "../span_board.ts";
 * import { keepPass } from "./keep.ts";
 * const board = new SpanBoard("choco install git --version 2.43.0.1");
 * keepPass(board);
 * assert(!board.redact(28, 36, "ipv4"));
 * ```
 */
export function keepPass(board: SpanBoard): void {
  const text = board.text;
  for (const pattern of KEEP_PATTERNS) {
    eachMatch(pattern, text, (m) => {
      const group = groupRange(m, 1);
      if (group) board.keep(group[0], group[1]);
      else board.keep(m.index, m.index + m[0].length);
    });
  }
  for (const pattern of LEAD_KEEP_PATTERNS) {
    eachLeadMatch(pattern, text, (m, start) => board.keep(start, m.index + m[0].length));
  }
}
