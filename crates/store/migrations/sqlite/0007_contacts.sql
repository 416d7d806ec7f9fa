-- Contacts: requests, confirmed contacts (one row per side), tags, grants, blocks,
-- dismissed suggestions and the network settings.

create table contact_requests (
    id blob primary key,
    sender integer not null references members(key) on delete cascade,
    recipient integer not null references members(key) on delete cascade,
    -- The pair in canonical order, so one request per pair whoever sent it.
    low integer not null,
    high integer not null,
    message text not null,
    how text not null,
    state text not null,
    created_at integer not null,
    decided_at integer
);
create unique index contact_requests_pair on contact_requests(low, high);
create index contact_requests_recipient on contact_requests(recipient, state, created_at);
create index contact_requests_sender on contact_requests(sender, created_at);

create table contacts (
    member integer not null references members(key) on delete cascade,
    other integer not null references members(key) on delete cascade,
    since integer not null,
    how text not null,
    note text not null default '',
    primary key (member, other)
);
create index contacts_other on contacts(other);

create table contact_tags (
    member integer not null,
    other integer not null,
    tag text not null,
    primary key (member, other, tag),
    foreign key (member, other) references contacts(member, other) on delete cascade
);
create index contact_tags_tag on contact_tags(member, tag);

create table contact_grants (
    member integer not null,
    other integer not null,
    field text not null,
    primary key (member, other, field),
    foreign key (member, other) references contacts(member, other) on delete cascade
);

create table blocks (
    blocker integer not null references members(key) on delete cascade,
    blocked integer not null references members(key) on delete cascade,
    created_at integer not null,
    primary key (blocker, blocked)
);
create index blocks_blocked on blocks(blocked);

create table dismissed_suggestions (
    member integer not null references members(key) on delete cascade,
    other integer not null references members(key) on delete cascade,
    created_at integer not null,
    primary key (member, other)
);

create table network_settings (
    member integer primary key references members(key) on delete cascade,
    list_visibility text not null,
    request_mails integer not null
);
