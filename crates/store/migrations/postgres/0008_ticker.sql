-- The ticker: what members do that their network may hear of, the writers' and readers'
-- settings, reports, and the notifications that follow from it.

-- One row per author and event. Posts and shares carry their audience; comments, likes
-- and shares name the post (and its audience, fixed when it was written) so the ticker can
-- check who may see them without reading the post. A new contact is two rows, one for
-- each side that agreed to tell their contacts; a profile change is one row per member
-- and short while, its `changes` the fields that changed.
create table activities (
    key bigint generated always as identity primary key,
    id uuid not null unique,
    actor bigint not null references members(key) on delete cascade,
    kind text not null,
    -- contact: the other member; share, comment, like: the post's author.
    other bigint references members(key) on delete cascade,
    post bigint references activities(key) on delete cascade,
    -- A reply: the comment it answers.
    parent bigint references activities(key) on delete cascade,
    audience text not null,
    post_audience text,
    body text not null default '',
    changes bigint not null default 0,
    created_at timestamptz not null,
    edited_at timestamptz
);
create index activities_actor on activities(actor, key);
create index activities_post on activities(post, kind, key);
create unique index activities_like_once on activities(post, actor) where kind = 'like';

create table activity_mentions (
    activity bigint not null references activities(key) on delete cascade,
    member bigint not null references members(key) on delete cascade,
    primary key (activity, member)
);

create table post_reports (
    post bigint not null references activities(key) on delete cascade,
    reporter bigint not null references members(key) on delete cascade,
    reason text not null,
    created_at timestamptz not null,
    primary key (post, reporter)
);

-- What a member lets the ticker say of them. No row: the defaults.
create table ticker_settings (
    member bigint primary key references members(key) on delete cascade,
    announce_contacts boolean not null,
    profile_reach text not null,
    birthday boolean not null
);

create table ticker_mutes (
    member bigint not null references members(key) on delete cascade,
    muted bigint not null references members(key) on delete cascade,
    created_at timestamptz not null,
    primary key (member, muted)
);

create table notifications (
    key bigint generated always as identity primary key,
    id uuid not null unique,
    recipient bigint not null references members(key) on delete cascade,
    kind text not null,
    actor bigint references members(key) on delete cascade,
    activity bigint references activities(key) on delete cascade,
    created_at timestamptz not null,
    read_at timestamptz,
    -- 'digest' while it waits for the recipient's daily digest.
    mail text
);
create index notifications_recipient on notifications(recipient, key);
create index notifications_digest on notifications(recipient) where mail = 'digest';

-- How a member wants each kind of notification by e-mail. No row: the kind's default.
create table notification_mail (
    member bigint not null references members(key) on delete cascade,
    kind text not null,
    mail text not null,
    primary key (member, kind)
);
