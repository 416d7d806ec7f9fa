-- When the session's member last proved who they are (log-in, or the password asked
-- again): credentials change only within minutes of it.
alter table sessions add column authenticated_at timestamptz;
update sessions set authenticated_at = created_at;
alter table sessions alter column authenticated_at set not null;
-- What an access token may do: "read", "write", space-separated. Tokens made before
-- scopes kept what they could do, short of managing credentials.
alter table access_tokens add column scopes text not null default 'read write';
