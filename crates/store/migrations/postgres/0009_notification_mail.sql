-- E-mail about contact requests becomes one of the per-kind notification choices: a
-- member who had turned request mails off keeps them off.
insert into notification_mail (member, kind, mail)
    select member, 'contact_request', 'off' from network_settings where not request_mails
    on conflict (member, kind) do nothing;
alter table network_settings drop column request_mails;

-- One-click unsubscribe (RFC 8058): every notification mail carries a token naming its
-- recipient and what it unsubscribes (a kind, or 'digest'). Only the hash is kept, and
-- the link keeps working as long as the row does.
create table unsubscribe_tokens (
    hash text primary key,
    member bigint not null references members(key) on delete cascade,
    what text not null,
    created_at timestamptz not null
);
create index unsubscribe_tokens_created on unsubscribe_tokens(created_at);
