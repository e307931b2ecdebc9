/**
 * The PostgreSQL store's schema (DDL), as numbered migrations (applied at start by
 * `migrate.ts`). Times are epoch milliseconds (`bigint`), structured data is
 * `jsonb`. A shipped migration is never edited; changes go in a new one.
 *
 * @module
 */
import type { Migration } from "./migrate.ts";

/** All migrations, in order. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "cases, reports, outbox, deliveries, notifications, contacts",
    sql: `
create table case_counters (year integer primary key, seq integer not null);
create table cases (
  id text primary key,
  signature_key text not null,
  status text not null,
  category text not null,
  confidence integer not null,
  facts jsonb not null,
  report_count integer not null,
  install_count integer not null,
  first_seen bigint not null,
  last_seen bigint not null,
  fixed_in text,
  fix_sha text,
  resolved_at bigint,
  issue_number integer,
  issue_url text,
  pr_number integer,
  pr_url text
);
create index cases_last_seen on cases (last_seen desc);
create table fingerprints (
  key text primary key,
  case_id text not null references cases (id),
  version text not null
);
create table reports (
  id uuid primary key,
  case_id text not null references cases (id),
  install_key text not null,
  received_at bigint not null,
  caro_version text not null,
  body jsonb not null
);
create index reports_case on reports (case_id);
create table case_installs (
  case_id text not null references cases (id),
  install_key text not null,
  primary key (case_id, install_key)
);
create table outbox (
  id bigserial primary key,
  kind text not null,
  payload jsonb not null,
  dedupe_key text,
  state text not null,
  due_at bigint not null,
  attempts integer not null default 0,
  lease_until bigint,
  last_error text,
  created_at bigint not null,
  done_at bigint
);
create index outbox_due on outbox (state, due_at);
create unique index outbox_pending_dedupe on outbox (dedupe_key) where state = 'pending';
create table webhook_deliveries (id text primary key, received_at bigint not null);
create table notifications (
  id bigserial primary key,
  install_key text not null,
  case_id text not null,
  report_id uuid not null,
  kind text not null,
  created_at bigint not null
);
create index notifications_install on notifications (install_key, id);
create table contacts (
  report_id uuid primary key,
  method text not null,
  value text not null,
  created_at bigint not null
);
`,
  },
  {
    version: 2,
    name: "installs, quotas, delivered notifications, quarantine",
    sql: `
create index cases_status on cases (status);
create table installs (key text primary key, first_seen bigint not null);
alter table notifications add column delivered_at bigint;
create table quota_counters (
  bucket text not null,
  window_start bigint not null,
  count integer not null,
  primary key (bucket, window_start)
);
create table quota_members (
  bucket text not null,
  window_start bigint not null,
  member text not null,
  primary key (bucket, window_start, member)
);
`,
  },
  {
    version: 3,
    name: "issue marker tokens, outbox priority, known releases",
    sql: `
alter table cases add column issue_token text;
alter table outbox add column priority integer not null default 0;
create index outbox_priority on outbox (state, priority desc, due_at);
create table releases (version text primary key, tag text not null, published_at bigint not null);
`,
  },
  {
    version: 4,
    name: "one running job per dedupe key, shared service secrets",
    sql: `
create index outbox_running_dedupe on outbox (dedupe_key) where state = 'running';
create table service_secrets (name text primary key, value text not null);
`,
  },
  {
    version: 5,
    name: "established installs counted from an index",
    sql: `
alter table case_installs add column first_seen bigint;
update case_installs c set first_seen = i.first_seen from installs i where i.key = c.install_key;
create index case_installs_seen on case_installs (case_id, first_seen);
`,
  },
  {
    version: 6,
    name: "no age for keys refused before installs were written on admission only",
    sql: `
delete from installs i where not exists (select 1 from case_installs c where c.install_key = i.key);
`,
  },
];
