-- Whether visitors who are not logged in may search for people (who made their profile
-- public); the operator may switch it off.
alter table site_settings add column public_search integer not null default 1;
