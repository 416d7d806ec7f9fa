//! How long the node's housekeeping (`Kontor::maintenance`) keeps what expires: the
//! privacy notice names the same periods.

use time::Duration;

/// An unverified sign-up expires with its verification link.
pub const UNVERIFIED_TTL: Duration = Duration::hours(48);
/// A deleted account can be reopened by logging in for this long.
pub const DELETION_GRACE: Duration = Duration::days(14);
/// How long change-log entries are kept; a node that falls further behind rebuilds.
pub const LOG_RETENTION: Duration = Duration::days(7);
/// How long the unsubscribe link of a notification mail keeps working.
pub const UNSUBSCRIBE_LINKS_KEPT: Duration = Duration::days(365);
/// A declined contact request looks pending to its sender this long, then goes.
pub const DECLINED_KEPT: Duration = Duration::days(30);
