use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use time::OffsetDateTime;

/// A place in the log, ordered as the writes committed.
///
/// On SQLite there is one writer, so the row id alone is in commit order (`tx` is 0). On
/// PostgreSQL ids from a sequence are not: a transaction can take id 7, commit after the one
/// that took id 8, and a reader that had moved past 8 would never see 7. There `tx` is the
/// writing transaction's id, and readers only take entries of transactions older than every
/// transaction still running (the snapshot's xmin), in `(tx, seq)` order; any entry written
/// later belongs to a newer transaction and so sorts after everything already read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct LogPosition {
    pub tx: i64,
    pub seq: i64,
}

impl LogPosition {
    pub const START: LogPosition = LogPosition { tx: 0, seq: 0 };
}

impl fmt::Display for LogPosition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.tx, self.seq)
    }
}

impl FromStr for LogPosition {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        let (tx, seq) = s.split_once('.').ok_or(())?;
        Ok(Self { tx: tx.parse().map_err(|_| ())?, seq: seq.parse().map_err(|_| ())? })
    }
}

/// Declares [`ChangeKind`] from one list: each kind's name in the log and its doc.
macro_rules! change_kinds {
    ($($(#[$doc:meta])* $kind:ident => $name:literal,)*) => {
        /// What changed. The subject is the internal key of the thing named.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum ChangeKind {
            $($(#[$doc])* $kind,)*
        }

        impl ChangeKind {
            /// Every kind, in the order declared.
            pub const ALL: &'static [ChangeKind] = &[$(Self::$kind,)*];

            /// The kind's name in the log.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$kind => $name,)*
                }
            }
        }
    };
}

change_kinds! {
    /// A member row was created, changed state, role, name or e-mail (subject: member key).
    MemberChanged => "member_changed",
    /// A member's profile changed (subject: member key).
    ProfileChanged => "profile_changed",
    /// A member was erased for good (subject: their former key).
    MemberErased => "member_erased",
    /// The operator changed site settings or legal pages (subject: 0).
    SiteChanged => "site_changed",
    /// The member's contacts, grants or contact-list setting changed (subject: member key).
    NetworkChanged => "network_changed",
    /// The member's activities or ticker settings changed (subject: member key).
    ActivityChanged => "activity_changed",
    /// The member's notifications changed: a new one, or read (subject: member key).
    NotificationsChanged => "notifications_changed",
    /// The member's sessions or credentials changed: a log-out, a new password, two-factor
    /// log-in on or off (subject: member key).
    SessionsChanged => "sessions_changed",
    /// An administrator ended every member's sessions (subject: 0).
    EverySessionEnded => "every_session_ended",
    /// The member's requests (either way), blocks (either way), mutes or dismissed
    /// suggestions changed, or a member they are so related to (or notified by) changed
    /// state (subject: member key).
    RelationsChanged => "relations_changed",
    /// An activity's own row changed (its text edited, a profile item's changes grown) or
    /// went, or a post's likes, comments or shares changed (subject: the activity key).
    PostChanged => "post_changed",
}

impl ChangeKind {
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|k| k.as_str() == s)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogEntry {
    pub position: LogPosition,
    pub kind: ChangeKind,
    pub subject: i64,
    pub at: OffsetDateTime,
}
