-- The operator's legal pages (Impressum, privacy notice, terms of use) in Markdown, one
-- text per page and language; the site's own language; when a member accepted the terms.
create table legal_texts (
    kind text not null,
    lang text not null,
    markdown text not null,
    updated_at timestamptz not null,
    primary key (kind, lang)
);
-- English, as visitors whose browser asked for neither language were answered before.
alter table site_settings add column lang text not null default 'en';
alter table members add column terms_accepted_at timestamptz;
