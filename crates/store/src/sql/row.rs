//! Rows of either database, and how their columns are read.

use super::values::from_micros;
use super::{normalise, other};
use kontor_core::StoreError;
use sqlx::Row as _;
use sqlx::postgres::PgRow;
use sqlx::sqlite::SqliteRow;
use time::OffsetDateTime;
use uuid::Uuid;

/// A row of either database.
pub enum Row {
    Sqlite(SqliteRow),
    Postgres(PgRow),
}

impl Row {
    /// The column named `name`.
    pub fn get<T: Column>(&self, name: &str) -> Result<T, StoreError> {
        T::named(self, name)
    }

    /// The column at `index`.
    pub fn at<T: Column>(&self, index: usize) -> Result<T, StoreError> {
        T::at(self, index)
    }
}

/// A row read as a tuple of columns, in order.
pub trait Columns: Sized + Send {
    fn from_row(row: &Row) -> Result<Self, StoreError>;
}

macro_rules! columns {
    ($(($($t:ident $i:tt),*)),*) => {$(
        impl<$($t: Column + Send),*> Columns for ($($t,)*) {
            fn from_row(row: &Row) -> Result<Self, StoreError> {
                Ok(($(row.at::<$t>($i)?,)*))
            }
        }
    )*};
}

columns!((A 0), (A 0, B 1), (A 0, B 1, C 2), (A 0, B 1, C 2, D 3), (A 0, B 1, C 2, D 3, E 4));

/// What a column may be read as.
pub trait Column: Sized {
    fn named(row: &Row, name: &str) -> Result<Self, StoreError>;
    fn at(row: &Row, index: usize) -> Result<Self, StoreError>;
}

/// Columns read the same on both databases.
macro_rules! column {
    ($($t:ty),*) => {$(
        impl Column for $t {
            fn named(row: &Row, name: &str) -> Result<Self, StoreError> {
                match row {
                    Row::Sqlite(r) => r.try_get(name),
                    Row::Postgres(r) => r.try_get(name),
                }
                .map_err(normalise)
            }
            fn at(row: &Row, index: usize) -> Result<Self, StoreError> {
                match row {
                    Row::Sqlite(r) => r.try_get(index),
                    Row::Postgres(r) => r.try_get(index),
                }
                .map_err(normalise)
            }
        }
    )*};
}

column!(
    i64,
    Option<i64>,
    i32,
    Option<i32>,
    f64,
    Option<f64>,
    bool,
    Option<bool>,
    String,
    Option<String>,
    Vec<u8>,
    Option<Vec<u8>>,
    Uuid,
    Option<Uuid>
);

/// Columns kept differently: a time (microseconds on SQLite), JSON (text on SQLite).
macro_rules! converted_column {
    ($t:ty, $sqlite:ty, $from_sqlite:expr) => {
        impl Column for $t {
            fn named(row: &Row, name: &str) -> Result<Self, StoreError> {
                match row {
                    Row::Sqlite(r) => r.try_get::<$sqlite, _>(name).map_err(normalise).and_then($from_sqlite),
                    Row::Postgres(r) => r.try_get(name).map_err(normalise),
                }
            }
            fn at(row: &Row, index: usize) -> Result<Self, StoreError> {
                match row {
                    Row::Sqlite(r) => r.try_get::<$sqlite, _>(index).map_err(normalise).and_then($from_sqlite),
                    Row::Postgres(r) => r.try_get(index).map_err(normalise),
                }
            }
        }
    };
}

converted_column!(OffsetDateTime, i64, |us| Ok(from_micros(us)));
converted_column!(Option<OffsetDateTime>, Option<i64>, |us: Option<i64>| Ok(us.map(from_micros)));
converted_column!(serde_json::Value, String, |text: String| serde_json::from_str(&text).map_err(other));
converted_column!(Option<serde_json::Value>, Option<String>, |text: Option<String>| text
    .map(|t| serde_json::from_str(&t).map_err(other))
    .transpose());
