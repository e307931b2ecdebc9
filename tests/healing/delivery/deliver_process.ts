/**
 * A child process for the delivery tests: delivers one report from
 * `DATA_DIR` to `ENDPOINT` under whatever permissions it was started with,
 * and prints the outcome as JSON.
 */
import { generateInstallKey } from "../../../src/protocol/signed_request.ts";
import { deliverReport } from "../../../src/healing/submit/deliver.ts";
import { reportBody } from "./fixtures.ts";

const [dataDir, endpoint] = Deno.args;
const outcome = await deliverReport({
  body: reportBody("r_child"),
  reportId: "r_child",
  endpoint,
  dataDir,
  installKey: await generateInstallKey(),
  now: Date.now,
  sleep: () => Promise.resolve(),
});
Deno.stdout.writeSync(new TextEncoder().encode(JSON.stringify(outcome) + "\n"));
