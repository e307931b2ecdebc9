/**
 * Fresh, empty databases on the test PostgreSQL (`CARO_TEST_PG_URL`, set by
 * `deno task test`), one per call, dropped by the returned `drop()`.
 *
 * @module
 */
import postgres from "postgres";

/** The test cluster's URL, or undefined (tests then skip). */
export const TEST_PG_URL: string | undefined = Deno.env.get("CARO_TEST_PG_URL");

/**
 * Creates a database named `caro_test_<random>` and returns its URL.
 *
 * @example
 * ```ts ignore
 * const db = await createTestDatabase(TEST_PG_URL!);
 * try { console.log(db.url); } finally { await db.drop(); }
 * ```
 */
export async function createTestDatabase(
  adminUrl: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `caro_test_${crypto.randomUUID().replaceAll("-", "").slice(0, 16)}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const again = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await again.unsafe(`drop database if exists ${name} with (force)`);
      await again.end();
    },
  };
}
