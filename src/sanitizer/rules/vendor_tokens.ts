/**
 * Vendor pass: credentials in the published formats of real providers. Each
 * rule has a literal hint; the pattern only runs when the hint occurs, so the
 * ~60 formats cost one substring search each on ordinary text. A checksum
 * (GitHub's CRC32) raises confidence but never stops a redaction.
 *
 * @module
 */
import type { SensitiveCategory } from "../categories.ts";
import type { SpanBoard } from "../span_board.ts";
import { eachMatch, groupRange } from "./scan.ts";
import { isLowEntropyPlaceholder } from "./protect.ts";
import { tokenStart } from "./token_boundary.ts";

interface VendorRule {
  category: SensitiveCategory;
  /** A literal that every match contains; the pattern is skipped without it. */
  hint: string;
  /** Global pattern; with a capture group, only group 1 is redacted. */
  pattern: RegExp;
  /**
   * How many characters of the token the pattern reads in its leading
   * lookbehind, so the search starts at a literal rather than trying a
   * character class at every position (ten times slower).
   */
  lead: number;
}

/** A token starts at a word boundary or after a `%XX` escape (`token_boundary.ts`). */
const B = tokenStart("A-Za-z0-9_");
/** The same for formats whose characters include `-`. */
const BD = tokenStart("A-Za-z0-9_-");
const E = String.raw`(?![A-Za-z0-9_])`;
const rule = (
  category: SensitiveCategory,
  hint: string,
  source: string,
  flags = "g",
  lead = 0,
): VendorRule => ({ category, hint, pattern: new RegExp(source, flags), lead });

/** A rule for a provider without a category of its own. */
const other = (hint: string, source: string, flags?: string, lead?: number): VendorRule =>
  rule("other_token", hint, source, flags, lead);

/** The vendor formats, most specific first. */
export const VENDOR_RULES: readonly VendorRule[] = [
  rule("github_token", "_", `${B}gh[pousr]_[A-Za-z0-9]{30,251}${E}`),
  // GitHub App installation/user tokens in the JWT format: `ghs_<id>_<JWT>`; the JWT is the secret.
  rule(
    "github_token",
    "_eyJ",
    String
      .raw`${B}gh[su]_[0-9]{1,20}_(eyJ[A-Za-z0-9_-]{8,4096}\.[A-Za-z0-9_-]{8,8192}\.[A-Za-z0-9_-]{8,2048})${E}`,
    "dg",
  ),
  rule("github_token", "github_pat_", `${B}github_pat_[A-Za-z0-9_]{40,255}${E}`),
  rule(
    "gitlab_token",
    "gl",
    String
      .raw`${BD}gl(?:pat|dt|rt|ptt|cbt|oas|ft|imt|agent|soat|ffct|wt)-[A-Za-z0-9_-]{16,300}(?:\.[A-Za-z0-9_-]{1,300}){0,3}(?![A-Za-z0-9_-])`,
  ),
  rule("gitlab_token", "GR1348941", `GR1348941[A-Za-z0-9_-]{16,64}`),
  // A request shape arrives with its digit runs folded to <NUM>: the token is still one.
  rule(
    "slack_token",
    "xox",
    String.raw`${BD}xox[abposer]-(?:[A-Za-z0-9-]|<NUM>){10,250}`,
  ),
  rule("slack_token", "xapp-", String.raw`${BD}xapp-(?:[A-Za-z0-9-]|<NUM>){10,250}`),
  rule("slack_token", "xoxe.", String.raw`xoxe\.xox[bp]-(?:[A-Za-z0-9-]|<NUM>){10,250}`),
  rule(
    "slack_token",
    "hooks.slack.com",
    String.raw`hooks\.slack\.com/(?:services|workflows|triggers)/([A-Za-z0-9_/-]{20,200})`,
    "dg",
  ),
  other(
    "/api/webhooks/",
    String.raw`discord(?:app)?\.com/api/webhooks/(\d{17,20}/[A-Za-z0-9_-]{60,70})`,
    "dg",
  ),
  rule("stripe_key", "_", `${B}(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,250}${E}`),
  rule("stripe_key", "whsec_", `${B}whsec_[A-Za-z0-9+/=]{20,100}`),
  rule(
    "anthropic_key",
    "sk-ant-",
    String.raw`${B}sk-ant-(?:api|admin|oat|sid)\d{2}-[A-Za-z0-9_-]{20,300}(?![A-Za-z0-9_-])`,
  ),
  rule(
    "openai_key",
    "sk-",
    String.raw`${B}sk-(?:proj|svcacct|admin|None)-[A-Za-z0-9_-]{20,300}(?![A-Za-z0-9_-])`,
  ),
  rule("openai_key", "T3BlbkFJ", `${B}sk-[A-Za-z0-9_-]{10,80}T3BlbkFJ[A-Za-z0-9_-]{10,80}${E}`),
  other("sk-or-", String.raw`${B}sk-or-v\d-[A-Za-z0-9]{32,100}${E}`),
  rule("openai_key", "sk-", `${B}sk-[A-Za-z0-9]{32,100}${E}`),
  rule("npm_token", "npm_", `${B}npm_[A-Za-z0-9]{30,60}${E}`),
  rule("pypi_token", "pypi-", String.raw`${B}pypi-[A-Za-z0-9_-]{40,400}(?![A-Za-z0-9_-])`),
  rule(
    "aws_access_key_id",
    "A",
    String.raw`${tokenStart("A-Za-z0-9")}(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9])`,
  ),
  rule("aws_secret", "IQoJb3JpZ2lu", String.raw`IQoJb3JpZ2lu[A-Za-z0-9+/=]{20,4000}`),
  rule("aws_secret", "GZXIvYXdz", String.raw`F[wQ]oGZXIvYXdz[A-Za-z0-9+/=]{20,4000}`),
  rule("gcp_key", "AIza", String.raw`${B}AIza[A-Za-z0-9_-]{35}(?![A-Za-z0-9_-])`),
  rule("gcp_key", "ya29.", String.raw`${B}ya29\.[A-Za-z0-9_.-]{20,2000}`),
  rule("gcp_key", "GOCSPX-", String.raw`${B}GOCSPX-[A-Za-z0-9_-]{20,40}`),
  rule("gcp_key", "1//0", String.raw`${tokenStart("A-Za-z0-9_/")}1//0[A-Za-z0-9_-]{30,300}`),
  rule(
    "azure_key",
    "Q~",
    String.raw`${
      tokenStart("A-Za-z0-9_~.-")
    }[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~-])`,
  ),
  rule(
    "azure_key",
    "==",
    String.raw`(?<=(?<![A-Za-z0-9+/]|sha(?:256|384|512)-)[A-Za-z0-9+/]{86})==(?![A-Za-z0-9+/=])`,
    "g",
    86,
  ),
  rule("azure_key", "sig=", String.raw`[?&;]sig=([A-Za-z0-9%+/=]{16,300})`, "dgi"),
  rule(
    "azure_key",
    "Shared",
    String
      .raw`(?:SharedAccessKey|SharedAccessSignature|AccountKey)\s{0,2}=\s{0,2}([^;"'\s]{8,300})`,
    "dgi",
  ),
  rule("azure_key", "AccountKey", String.raw`AccountKey\s{0,2}=\s{0,2}([^;"'\s]{8,300})`, "dgi"),
  other("hf_", `${B}hf_[A-Za-z0-9]{30,40}${E}`),
  other("hv", String.raw`${B}hv[sbr]\.[A-Za-z0-9_-]{20,300}(?![A-Za-z0-9_-])`),
  other("SG.", String.raw`${B}SG\.[A-Za-z0-9_-]{16,32}\.[A-Za-z0-9_-]{30,50}`),
  other("shp", `${B}shp(?:at|ss|ca|pa)_[a-fA-F0-9]{32}${E}`),
  other("dapi", `${B}dapi[a-f0-9]{32}(?:-\\d)?${E}`),
  other("_v1_", `${B}do[por]_v1_[a-f0-9]{64}${E}`),
  other("lin_", `${B}lin_(?:api|oauth)_[A-Za-z0-9]{32,64}${E}`),
  other("secret_", `${B}secret_[A-Za-z0-9]{43}${E}`),
  other("ntn_", `${B}ntn_[A-Za-z0-9]{40,50}${E}`),
  other("ATATT3", String.raw`${B}ATATT3[A-Za-z0-9_=-]{50,300}`),
  other("sntry", String.raw`${B}sntry[su]_[A-Za-z0-9+/=_]{40,400}`),
  other("gl", `${B}glsa_[A-Za-z0-9]{32}_[a-f0-9]{8}${E}`),
  other("glc_", String.raw`${B}glc_[A-Za-z0-9+/=]{32,400}`),
  other("PMAK-", `${B}PMAK-[a-f0-9]{24}-[a-f0-9]{34}${E}`),
  other("dckr_", String.raw`${B}dckr_(?:pat|oat)_[A-Za-z0-9_-]{20,64}`),
  other("pul-", `${B}pul-[a-f0-9]{40}${E}`),
  other(".atlasv1.", String.raw`${B}[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_-]{60,80}`),
  other("AGE-SECRET-KEY-1", `AGE-SECRET-KEY-1[0-9A-Z]{58}`),
  other("sbp_", `${B}sbp_[a-f0-9]{40}${E}`),
  other("r8_", `${B}r8_[A-Za-z0-9]{37}${E}`),
  other("gsk_", `${B}gsk_[A-Za-z0-9]{48,56}${E}`),
  other("xai-", `${B}xai-[A-Za-z0-9]{70,90}${E}`),
  other("pplx-", `${B}pplx-[A-Za-z0-9]{40,56}${E}`),
  other("fo1_", String.raw`${B}fo1_[A-Za-z0-9_-]{39,45}`),
  other("key-", `${B}key-[a-f0-9]{32}${E}`),
  other("-us", String.raw`(?<=${B}[a-f0-9]{32})-us\d{1,2}${E}`, "g", 32),
  other(":AA", String.raw`(?:(?<=\/bot)|${B})\d{8,10}:AA[A-Za-z0-9_-]{33}(?![A-Za-z0-9_-])`),
  other(
    "tskey-",
    String.raw`${B}tskey-(?:auth|api|client|scim|webhook)-[A-Za-z0-9]{6,40}-[A-Za-z0-9]{20,80}${E}`,
  ),
  other("HRKU-", String.raw`${B}HRKU-[A-Za-z0-9_-]{20,80}`),
  other("NR", `${B}NR(?:AK|JS|II)-[A-Za-z0-9]{19,40}${E}`),
  other("xkeysib-", `xkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16}`),
  other("sq0", String.raw`${B}sq0(?:atp|csp)-[A-Za-z0-9_-]{22,43}`),
  other("EAA", `${B}EAA[A-Za-z0-9]{80,300}${E}`),
  other("CFPAT-", String.raw`${B}CFPAT-[A-Za-z0-9_-]{40,50}`),
  other("dp.", String.raw`${B}dp\.(?:pt|st|ct|sa|scim|audit)\.[A-Za-z0-9]{40,50}${E}`),
  other("bkua_", `${B}bkua_[a-f0-9]{40}${E}`),
  other("pscale_", `${B}pscale_(?:tkn|pw|oauth)_[A-Za-z0-9_.-]{32,64}`),
  other("nfp_", `${B}nfp_[A-Za-z0-9]{36,40}${E}`),
  other("rubygems_", `${B}rubygems_[a-f0-9]{48}${E}`),
  other("pat", String.raw`${B}pat[A-Za-z0-9]{14}\.[a-f0-9]{64}${E}`),
  other("sk.eyJ", String.raw`${B}sk\.eyJ[A-Za-z0-9_.-]{20,300}`),
  other("glcbt", String.raw`${B}glcbt-[A-Za-z0-9_-]{16,64}`),
  other(
    ".",
    String
      .raw`${
      tokenStart("A-Za-z0-9_.-")
    }[MN][A-Za-z0-9]{23,25}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38}(?![A-Za-z0-9_-])`,
  ),
];

/**
 * Runs the vendor rules over `board`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { SpanBoard } from "../span_board.ts";
 * import { vendorTokenPass } from "./vendor_tokens.ts";
 * const board = new SpanBoard("export AWS_ACCESS_KEY_ID=AKIAQ3EGWZ5XKD7MRTQL");
 * vendorTokenPass(board);
 * assert(board.render().text === "export AWS_ACCESS_KEY_ID=<SECRET:aws_key_id>");
 * ```
 */
export function vendorTokenPass(board: SpanBoard): void {
  const text = board.text;
  for (const { category, hint, pattern, lead } of VENDOR_RULES) {
    if (!text.includes(hint)) continue;
    eachMatch(pattern, text, (m) => {
      const group = groupRange(m, 1);
      const [start, end] = group ?? [m.index - lead, m.index + m[0].length];
      const token = text.slice(start, end);
      // A format filled with one character (`Txxxxxxxx/Bxxxxxxxx/xxxx…`) is a placeholder.
      if (isLowEntropyPlaceholder(token.replace(/[\/_.-]/g, ""))) {
        board.keep(start, end);
        return;
      }
      const tokenEnd = group ? end : start + trimTrailingDots(token).length;
      if (!board.redact(start, tokenEnd, category)) {
        redactAfterPlaceholders(board, start, tokenEnd, category);
      }
    });
  }
}

/**
 * A token whose digit runs were folded (`xoxb-<NUM>-<NUM>-AbCd…`, a request
 * shape) cannot be redacted whole, since placeholders are kept: its part after
 * the last placeholder, the secret tail, is.
 */
function redactAfterPlaceholders(
  board: SpanBoard,
  start: number,
  end: number,
  category: SensitiveCategory,
): void {
  const token = board.text.slice(start, end);
  const after = token.lastIndexOf(">") + 1;
  if (after === 0) return;
  const tail = start + after + (/^[-_.]*/.exec(token.slice(after))?.[0].length ?? 0);
  if (end - tail >= 8) board.redact(tail, end, category);
}

function trimTrailingDots(value: string): string {
  let end = value.length;
  while (end > 0 && (value[end - 1] === "." || value[end - 1] === "-")) end--;
  return value.slice(0, end);
}
