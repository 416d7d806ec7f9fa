-- The browser a link was asked for in (the hash of a secret it holds): a sign-up's
-- password counts only when its verification link is opened there.
alter table tokens add column binding text;
