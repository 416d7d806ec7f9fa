-- Searches members keep, and the people each has already told them of (so an alert
-- names each person once).
create table saved_searches (
    id blob primary key,
    member integer not null references members(key) on delete cascade,
    query text not null,
    alerts integer not null,
    created_at integer not null
);
create index saved_searches_member on saved_searches(member, created_at);

create table saved_search_seen (
    search blob not null references saved_searches(id) on delete cascade,
    member integer not null references members(key) on delete cascade,
    primary key (search, member)
);
