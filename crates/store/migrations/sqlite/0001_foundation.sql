-- Kontor on SQLite: the foundation (accounts, profiles, change log, jobs).
-- Times are unix microseconds in UTC; ids are 16-byte UUIDs.

create table members (
    key integer primary key autoincrement,
    id blob not null unique,
    email text not null unique,
    name text not null,
    password_hash text,
    state text not null,
    role text not null,
    lang text not null,
    created_at integer not null,
    deletion_requested_at integer
);

create table profiles (
    member integer primary key references members(key) on delete cascade,
    data text not null,
    updated_at integer not null
);

create table tokens (
    hash text primary key,
    member integer not null references members(key) on delete cascade,
    purpose text not null,
    value text,
    expires_at integer not null
);
create index tokens_member on tokens(member, purpose);

create table sessions (
    id blob primary key,
    token_hash text not null unique,
    member integer not null references members(key) on delete cascade,
    created_at integer not null,
    last_seen_at integer not null,
    expires_at integer not null,
    user_agent text not null
);
create index sessions_member on sessions(member);

create table devices (
    member integer not null references members(key) on delete cascade,
    hash text not null,
    created_at integer not null,
    primary key (member, hash)
);

create table rate_limits (
    key text not null,
    window_start integer not null,
    count integer not null,
    primary key (key, window_start)
);

create table site_settings (
    id integer primary key check (id = 1),
    name text not null,
    signup_mode text not null,
    demo integer not null
);

-- The change log: one writer, so the row id is in commit order.
create table changelog (
    seq integer primary key autoincrement,
    kind text not null,
    subject integer not null,
    at integer not null
);
create index changelog_at on changelog(at);

create table jobs (
    id blob primary key,
    kind text not null,
    member integer references members(key) on delete cascade,
    payload text not null,
    state text not null,
    attempts integer not null default 0,
    run_at integer not null,
    locked_until integer,
    last_error text,
    created_at integer not null
);
create index jobs_due on jobs(state, run_at);
create index jobs_member on jobs(member);
