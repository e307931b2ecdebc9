/**
 * The SQLite store's schema, as numbered migrations applied at open
 * (tracked in `PRAGMA user_version`). Same tables and columns as the
 * PostgreSQL schema, in the shared SQL subset: times are epoch-ms integers,
 * structured data is JSON text. A shipped migration is never edited.
 *
 * @module
 */

/** All migrations, in order (index + 1 = version). */
export const SQLITE_MIGRATIONS: readonly string[] = [
  `
create table case_counters (year integer primary key, seq integer not null);
create table cases (
  id text primary key,
  signature_key text not null,
  status text not null,
  category text not null,
  confidence integer not null,
  facts text not null,
  report_count integer not null,
  install_count integer not null,
  first_seen integer not null,
  last_seen integer not null,
  fixed_in text,
  fix_sha text,
  resolved_at integer,
  issue_number integer,
  issue_url text,
  pr_number integer,
  pr_url text
);
create index cases_last_seen on cases (last_seen desc);
create index cases_status on cases (status);
create table fingerprints (
  key text primary key,
  case_id text not null references cases (id),
  version text not null
);
create table reports (
  id text primary key,
  case_id text not null references cases (id),
  install_key text not null,
  received_at integer not null,
  caro_version text not null,
  body text not null
);
create index reports_case on reports (case_id);
create table case_installs (
  case_id text not null references cases (id),
  install_key text not null,
  primary key (case_id, install_key)
);
create table installs (key text primary key, first_seen integer not null);
create table outbox (
  id integer primary key autoincrement,
  kind text not null,
  payload text not null,
  dedupe_key text,
  state text not null,
  due_at integer not null,
  attempts integer not null default 0,
  lease_until integer,
  last_error text,
  created_at integer not null,
  done_at integer
);
create index outbox_due on outbox (state, due_at);
create unique index outbox_pending_dedupe on outbox (dedupe_key) where state = 'pending';
create table webhook_deliveries (id text primary key, received_at integer not null);
create table notifications (
  id integer primary key autoincrement,
  install_key text not null,
  case_id text not null,
  report_id text not null,
  kind text not null,
  created_at integer not null,
  delivered_at integer
);
create index notifications_install on notifications (install_key, id);
create table contacts (
  report_id text primary key,
  method text not null,
  value text not null,
  created_at integer not null
);
create table quota_counters (
  bucket text not null,
  window_start integer not null,
  count integer not null,
  primary key (bucket, window_start)
);
create table quota_members (
  bucket text not null,
  window_start integer not null,
  member text not null,
  primary key (bucket, window_start, member)
);
`,
  `
alter table cases add column issue_token text;
alter table outbox add column priority integer not null default 0;
drop index outbox_due;
create index outbox_due on outbox (state, priority desc, due_at);
create table releases (version text primary key, tag text not null, published_at integer not null);
`,
  `
create index outbox_running_dedupe on outbox (dedupe_key) where state = 'running';
create table service_secrets (name text primary key, value text not null);
`,
  `
alter table case_installs add column first_seen integer;
update case_installs set first_seen =
  (select i.first_seen from installs i where i.key = case_installs.install_key);
create index case_installs_seen on case_installs (case_id, first_seen);
`,
  // Keys refused before installs were written for admitted reports only: no age for them.
  `
delete from installs where key not in (select install_key from case_installs);
`,
];
