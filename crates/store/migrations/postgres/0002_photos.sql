-- Profile photos, one row per stored size, so every node can serve them.
create table photos (
    member bigint not null references members(key) on delete cascade,
    version text not null,
    size integer not null,
    bytes bytea not null,
    primary key (member, size)
);
