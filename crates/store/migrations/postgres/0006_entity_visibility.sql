-- Whether a link comes from a field every member may see: only those count for
-- suggestions, so autocomplete reveals nothing a member keeps to fewer people.
alter table member_entities add column shown boolean not null default false;
