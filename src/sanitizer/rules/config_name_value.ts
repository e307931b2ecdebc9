/**
 * Config markup that gives the name and the value in separate fields:
 * Kubernetes env pairs (`- name: DB_PASSWORD` / `value: …`), .NET and Ant
 * `<add key="ApiSecret" value="…"/>`, and XML elements named after a secret
 * (`<password>…</password>`, the value on its own line too).
 *
 * @module
 */
import type { SpanBoard } from "../span_board.ts";
import { eachMatch } from "./scan.ts";
import { categoryForName, classifyName, isSecretValue } from "./secret_names.ts";
import { redactGroup, redactValue } from "./secret_value.ts";

const K8S_ENV =
  /name:[ \t]{0,4}["']?([A-Za-z0-9_.-]{1,80})["']?[ \t]*\r?\n[ \t]{0,40}(?:-[ \t]{1,4})?value:[ \t]{0,4}/dg;
/** .NET appSettings `<add key="ApiSecret" value="…" />`, Ant/Maven `<property name="password" value="…"/>`. */
const ADD_KEY_VALUE =
  /<(?:add|property|param|parameter|setting|entry|env|variable)[ \t]{1,4}(?:key|name)[ \t]{0,2}=[ \t]{0,2}(["'])([A-Za-z0-9_.:-]{1,80})\1[ \t]{1,4}value[ \t]{0,2}=[ \t]{0,2}(["'])([^"'\n]{1,1024})\3/dg;
const XML_ELEMENT =
  /<([A-Za-z][A-Za-z0-9_.:-]{0,60})>[ \t]{0,40}\r?\n?[ \t]{0,40}([^<\s][^<\n]{0,499}?)[ \t]{0,40}\r?\n?[ \t]{0,40}<\/\1>/dg;

/**
 * Redacts the value of a Kubernetes `name:`/`value:` pair with a secret name.
 *
 * @example An env entry
 * ```ts
 * import assert from "node:assert/strict";
 * import { SpanBoard } from "../span_board.ts";
 * import { k8sEnvPass } from "./config_name_value.ts";
 * const board = new SpanBoard("- name: DB_PASSWORD\n  value: Xk2pq9Ln");
 * k8sEnvPass(board);
 * assert.equal(board.render().text, "- name: DB_PASSWORD\n  value: <PASSWORD>");
 * ```
 */
export function k8sEnvPass(board: SpanBoard): void {
  const text = board.text;
  eachMatch(K8S_ENV, text, (m) => {
    const kind = classifyName(m[1]);
    if (kind !== null) {
      redactValue(board, m.index + m[0].length, kind, categoryForName(m[1], kind), true);
    }
  });
}

/**
 * Redacts the value of `<add key="…" value="…"/>`-style settings with a secret key.
 *
 * @example .NET appSettings
 * ```ts
 * import assert from "node:assert/strict";
 * import { SpanBoard } from "../span_board.ts";
 * import { xmlKeyValuePass } from "./config_name_value.ts";
 * const board = new SpanBoard('<add key="ApiSecret" value="9fQk2LmZx81aB" />');
 * xmlKeyValuePass(board);
 * assert.equal(board.render().text, '<add key="ApiSecret" value="<SECRET>" />');
 * ```
 */
export function xmlKeyValuePass(board: SpanBoard): void {
  const text = board.text;
  if (text.includes("<") && /value/i.test(text)) {
    eachMatch(ADD_KEY_VALUE, text, (m) => {
      const kind = classifyName(m[2]);
      if (kind !== null && isSecretValue(m[4], kind)) {
        redactGroup(board, m, 4, categoryForName(m[2], kind));
      }
    });
  }
}

/**
 * Redacts the content of an XML element named after a secret.
 *
 * @example A Maven server password
 * ```ts
 * import assert from "node:assert/strict";
 * import { SpanBoard } from "../span_board.ts";
 * import { xmlElementPass } from "./config_name_value.ts";
 * const board = new SpanBoard("<password>Xk2pq9Ln</password>");
 * xmlElementPass(board);
 * assert.equal(board.render().text, "<password><PASSWORD></password>");
 * ```
 */
export function xmlElementPass(board: SpanBoard): void {
  const text = board.text;
  if (text.includes("</")) {
    eachMatch(XML_ELEMENT, text, (m) => {
      const kind = classifyName(m[1]);
      if (kind !== null && isSecretValue(m[2].trim(), kind)) {
        redactGroup(board, m, 2, categoryForName(m[1], kind));
      }
    });
  }
}
