-- Organisations, places, industries and tags that profiles point at, and the links.
create table entities (
    id integer primary key autoincrement,
    kind text not null,
    name text not null,
    norm text not null,
    parent integer references entities(id),
    merged_into integer references entities(id),
    created_at integer not null
);
create unique index entities_unique on entities(kind, norm, coalesce(parent, 0));
create index entities_prefix on entities(kind, norm);

create table member_entities (
    member integer not null references members(key) on delete cascade,
    entity integer not null references entities(id),
    role text not null,
    primary key (member, role, entity)
);
create index member_entities_entity on member_entities(entity, role);
