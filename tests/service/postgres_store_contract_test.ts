import { openPostgresStore } from "../../src/service/store/postgres/postgres_store.ts";
import { storeContract } from "../_support/store_contract.ts";
import { createTestDatabase, TEST_PG_URL } from "../_support/test_database.ts";

storeContract("postgres", async () => {
  const db = await createTestDatabase(TEST_PG_URL!);
  const store = await openPostgresStore(db.url);
  return {
    store,
    async cleanup() {
      await store.close();
      await db.drop();
    },
  };
}, !TEST_PG_URL);
