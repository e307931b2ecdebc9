import { join } from "node:path";
import { storeContract } from "../store_contract.ts";
import { SqliteStore } from "./sqlite_store.ts";

storeContract("sqlite", async () => {
  const dir = await Deno.makeTempDir({ prefix: "caro-sqlite-store-" });
  const store = await SqliteStore.open(join(dir, "healing.db"));
  return {
    store,
    async cleanup() {
      await store.close();
      await Deno.remove(dir, { recursive: true });
    },
  };
});
