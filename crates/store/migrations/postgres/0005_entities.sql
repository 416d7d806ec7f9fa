-- Organisations, places, industries and tags that profiles point at, and the links.
create table entities (
    id bigint generated always as identity primary key,
    kind text not null,
    name text not null,
    norm text not null,
    parent bigint references entities(id),
    merged_into bigint references entities(id),
    created_at timestamptz not null
);
create unique index entities_unique on entities(kind, norm, coalesce(parent, 0));
create index entities_prefix on entities(kind, norm text_pattern_ops);

create table member_entities (
    member bigint not null references members(key) on delete cascade,
    entity bigint not null references entities(id),
    role text not null,
    primary key (member, role, entity)
);
create index member_entities_entity on member_entities(entity, role);
