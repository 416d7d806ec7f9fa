-- The newest change-log position pruned: a node that has applied less than this has
-- missed entries for good and builds its indexes anew.
create table changelog_pruned (
    one integer primary key check (one = 1),
    tx integer not null,
    seq integer not null
);
