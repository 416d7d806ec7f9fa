//! The change log: the bus between the database and every node's derived state.
//!
//! Every write appends entries in its own transaction. An entry names a kind and the
//! internal key of what changed, never personal data, so erasing a member leaves nothing
//! of them here. Positions are in commit order (see [`LogPosition`]); a node tails the log
//! to keep its indexes current and wakes its live connections.

mod cache;
mod model;
mod remembered;
mod repo;
mod tailer;

pub use cache::{Counts, LogCache};
pub use model::{ChangeKind, LogEntry, LogPosition};
pub use remembered::Remembered;
pub use repo::ChangeLogRepo;
pub use tailer::{Index, Tailer, Wakeups};
