//! The social graph in memory: who is whose contact, as compact as the hardware allows.
//!
//! Members are dense `u32` vertices (the directory hands them out). The graph is a CSR
//! base (every contact stored once per side, sorted) plus a small delta of contacts added
//! since the base was built; removals and hidden members are flag bits in the base, so
//! the base is only ever rewritten by [`Graph::compact`]. Readers take a [`Snapshot`] and
//! never wait for a writer.
//!
//! The queries ([`shortest_paths`], [`shared_contacts`], [`degree_counts`],
//! [`suggestions`]) are generic over an [`Adjacency`] and a [`Filter`]: the filter says
//! whose contact list the viewer may see, and a contact counts only if the list of one of
//! its two ends is visible. The rule itself lives with the caller; this crate knows
//! nothing of members, settings or databases.
#![forbid(unsafe_code)]

mod adjacency;
mod build;
mod filter;
mod live;
mod queries;
mod scratch;
mod search;

pub use adjacency::{Adjacency, PlainCsr};
pub use build::GraphBuilder;
pub use filter::{Everything, Filter};
pub use live::{Change, Graph, Snapshot};
pub use queries::{Suggestion, degree_counts, shared_contacts, suggestions};
pub use scratch::Scratch;
pub use search::{Paths, distance, shortest_paths};

/// A member, as a dense index.
pub type Vertex = u32;

/// The largest vertex the graph can hold: two bits of each stored contact are flags.
pub const MAX_VERTEX: Vertex = (1 << 30) - 1;
