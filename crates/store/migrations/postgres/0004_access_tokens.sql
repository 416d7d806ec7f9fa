-- Personal access tokens for the API, stored hashed.
create table access_tokens (
    id uuid primary key,
    member bigint not null references members(key) on delete cascade,
    name text not null,
    hash text not null unique,
    created_at timestamptz not null,
    last_used_at timestamptz
);
create index access_tokens_member on access_tokens(member);
