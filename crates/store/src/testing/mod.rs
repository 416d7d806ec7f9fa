//! Fresh databases for tests (a temporary SQLite file, a PostgreSQL database per test),
//! and what tests read from them directly.

pub mod postgres;
pub mod sqlite;
