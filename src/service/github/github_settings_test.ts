import { deepEqual, equal, rejects } from "node:assert/strict";
import { envFrom } from "../../platform/env.ts";
import { githubSettings } from "./github_settings.ts";

const noFile = (path: string) => Promise.reject(new Error(`no such file: ${path}`));

Deno.test("GitHub settings: off without a repo, token or App auth, clear errors otherwise", async () => {
  equal(await githubSettings(envFrom({}), noFile), undefined);
  const token = await githubSettings(
    envFrom({ CARO_GITHUB_REPO: "caro-sh/caro", CARO_GITHUB_TOKEN: "ghp_example" }),
    noFile,
  );
  deepEqual(token?.auth, { token: "ghp_example" });
  equal(token?.writesPerMinute, 30);
  const app = await githubSettings(
    envFrom({
      CARO_GITHUB_REPO: "caro-sh/caro",
      CARO_GITHUB_APP_ID: "12345",
      CARO_GITHUB_INSTALLATION_ID: "99",
      CARO_GITHUB_APP_PRIVATE_KEY_FILE: "/keys/app.pem",
    }),
    (path) => Promise.resolve(`PEM from ${path}`),
  );
  deepEqual(app?.auth, {
    appId: "12345",
    installationId: 99,
    privateKey: "PEM from /keys/app.pem",
  });
  await rejects(
    githubSettings(envFrom({ CARO_GITHUB_REPO: "not a repo" }), noFile),
    /expected owner\/name/,
  );
  await rejects(
    githubSettings(envFrom({ CARO_GITHUB_REPO: "o/r" }), noFile),
    /Cannot authenticate to GitHub/,
  );
  await rejects(
    githubSettings(
      envFrom({
        CARO_GITHUB_REPO: "o/r",
        CARO_GITHUB_APP_ID: "1",
        CARO_GITHUB_INSTALLATION_ID: "2",
        CARO_GITHUB_APP_PRIVATE_KEY_FILE: "/x",
      }),
      noFile,
    ),
    /Cannot read CARO_GITHUB_APP_PRIVATE_KEY_FILE "\/x"/,
  );
  await rejects(
    githubSettings(
      envFrom({
        CARO_GITHUB_REPO: "o/r",
        CARO_GITHUB_TOKEN: "t",
        CARO_GITHUB_WRITES_PER_MINUTE: "500",
      }),
      noFile,
    ),
    /1 to 60/,
  );
});
