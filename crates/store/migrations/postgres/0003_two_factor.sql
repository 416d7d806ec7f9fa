-- Two-factor log-in: the authenticator secret, the last time step used (a code works
-- once), and one-time recovery codes (hashed).
alter table members add column totp_secret text;
alter table members add column totp_last_step bigint;
create table recovery_codes (
    member bigint not null references members(key) on delete cascade,
    hash text not null,
    primary key (member, hash)
);
