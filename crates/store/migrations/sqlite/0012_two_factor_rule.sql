-- Who must log in with a second factor: optional, admins or everyone.
alter table site_settings add column two_factor_required text not null default 'optional';
