-- Kontor on PostgreSQL: the foundation (accounts, profiles, change log, jobs).
-- Times are timestamptz (UTC, microseconds); ids are uuids. Needs PostgreSQL 13 or later
-- (pg_current_xact_id, pg_current_snapshot).

create table members (
    key bigint generated always as identity primary key,
    id uuid not null,
    email text not null,
    name text not null,
    password_hash text,
    state text not null,
    role text not null,
    lang text not null,
    created_at timestamptz not null,
    deletion_requested_at timestamptz,
    -- Named as the SQLite store reports them: core matches on "members_email".
    constraint members_id unique (id),
    constraint members_email unique (email)
);

create table profiles (
    member bigint primary key references members(key) on delete cascade,
    data jsonb not null,
    updated_at timestamptz not null
);

create table tokens (
    hash text primary key,
    member bigint not null references members(key) on delete cascade,
    purpose text not null,
    value text,
    expires_at timestamptz not null
);
create index tokens_member on tokens(member, purpose);

create table sessions (
    id uuid primary key,
    token_hash text not null,
    member bigint not null references members(key) on delete cascade,
    created_at timestamptz not null,
    last_seen_at timestamptz not null,
    expires_at timestamptz not null,
    user_agent text not null,
    constraint sessions_token_hash unique (token_hash)
);
create index sessions_member on sessions(member);

create table devices (
    member bigint not null references members(key) on delete cascade,
    hash text not null,
    created_at timestamptz not null,
    primary key (member, hash)
);

create table rate_limits (
    key text not null,
    window_start timestamptz not null,
    count integer not null,
    primary key (key, window_start)
);

create table site_settings (
    id integer primary key check (id = 1),
    name text not null,
    signup_mode text not null,
    demo boolean not null
);

-- The change log. Sequence values are handed out in the order transactions ask, not the
-- order they commit, so a position is (writing transaction's id, sequence value): readers
-- only take entries of transactions older than every running one, in (tx, seq) order.
create table changelog (
    tx bigint not null default (pg_current_xact_id()::text::bigint),
    seq bigint generated always as identity,
    kind text not null,
    subject bigint not null,
    at timestamptz not null,
    primary key (tx, seq)
);
create index changelog_at on changelog(at);

create table jobs (
    id uuid primary key,
    kind text not null,
    member bigint references members(key) on delete cascade,
    payload jsonb not null,
    state text not null,
    attempts integer not null default 0,
    run_at timestamptz not null,
    locked_until timestamptz,
    last_error text,
    created_at timestamptz not null
);
create index jobs_due on jobs(state, run_at);
create index jobs_member on jobs(member);
