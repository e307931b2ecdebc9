import { storeContract } from "../store_contract.ts";
import { PostgresStore } from "./postgres_store.ts";
import { createTestDatabase, TEST_PG_URL } from "./test_database.ts";

storeContract("postgres", async () => {
  const db = await createTestDatabase(TEST_PG_URL!);
  const store = await PostgresStore.open(db.url);
  return {
    store,
    async cleanup() {
      await store.close();
      await db.drop();
    },
  };
}, !TEST_PG_URL);
