-- Personal access tokens for the API, stored hashed.
create table access_tokens (
    id blob primary key,
    member integer not null references members(key) on delete cascade,
    name text not null,
    hash text not null unique,
    created_at integer not null,
    last_used_at integer
);
create index access_tokens_member on access_tokens(member);
