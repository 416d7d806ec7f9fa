//! The ticker: the news of a member's network, as XING's ticker was — posts, shares,
//! comments, likes, new contacts and profile changes — with both sides in control.
//!
//! The writer decides per kind who is told (their settings; a post's audience), the
//! reader what they see (filters, mutes). Items are rendered when read, every member on
//! them through the profile policy, and checked against the network rule on the reader's
//! revealed graph: a narrower setting hides old items at once, a wider one counts only
//! for what happens after. Shares, comments and likes never reach further than the post.

mod content;
mod gather;
mod index;
mod live;
mod memo;
mod merge;
mod model;
mod needs;
mod read;
mod repo;
mod service;
mod view;

pub use crate::profiles::{ProfileChanges, ProfileNews};
pub use content::{Content, ContentCache};
pub use index::{Author, DEPTH, Entry, Fresh, Head, TickerIndex};
pub use live::{LiveEvent, LiveFeed};
pub(crate) use memo::{PAGES_HELD, PageMemo};
pub use merge::{Merged, merge};
pub use model::{
    Activity, ActivityKind, Audience, NewActivity, PostStats, Reach, Report, TickerFilter, TickerSettings, limits, text,
};
pub(crate) use needs::TickerNeeds;
pub use needs::TickerStore;
pub use read::{TickerQuery, first_page_from_memory};
pub use repo::{TickerRepo, TickerRow};
pub use service::{ReportedPost, Ticker};
pub use view::{
    Because, CommentView, PostThread, PostView, ProfileNewsView, Reaction, ReactionLine, Span, TickerItem, TickerPage,
    mentioned, spans,
};
