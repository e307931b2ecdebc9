import { deepEqual, equal } from "node:assert/strict";
import { probeContext, proxyScheme } from "./context_probe.ts";
import { type ProbeDeps, processProbeDeps } from "./probe_deps.ts";
import { importHashKey, keyedHash } from "../../sanitizer/mod.ts";

function deps(env: Record<string, string>, allowed = (_: string) => true): ProbeDeps {
  const real = processProbeDeps();
  return {
    ...real,
    env: (name) => env[name],
    envAllowed: allowed,
    build: { ...real.build, cwd: () => "/home/ada/project" },
  };
}

Deno.test("proxy: scheme only, and whether NO_PROXY exempts loopback", async () => {
  const none = { collected: false as const, why: "no key" };
  const proxied = await probeContext(
    deps({ https_proxy: "socks5h://ada:pw@proxy:1080", NO_PROXY: "localhost, 127.0.0.1" }),
    none,
    100,
  );
  deepEqual(proxied.proxy, {
    collected: true,
    value: { inUse: true, scheme: "socks5h", bypassesLoopback: true },
  });
  const direct = await probeContext(deps({}), none, 100);
  deepEqual(direct.proxy, { collected: true, value: { inUse: false, bypassesLoopback: false } });
  equal(proxyScheme("proxy:3128"), "http");
});

Deno.test("proxy variables not granted: not collected, naming them", async () => {
  const facts = await probeContext(
    deps({}, (name) => name !== "HTTPS_PROXY"),
    { collected: false, why: "no key" },
    100,
  );
  deepEqual(facts.proxy, {
    collected: false,
    why: "permission not granted (env access to HTTPS_PROXY)",
  });
});

Deno.test("the working directory is a keyed hash, never the path", async () => {
  const key = await importHashKey(new Uint8Array(32).fill(7));
  const hash = (value: string) => keyedHash(key, value);
  const facts = await probeContext(deps({}), { collected: true, value: hash }, 100);
  deepEqual(facts.cwdHash, { collected: true, value: await keyedHash(key, "/home/ada/project") });
});
