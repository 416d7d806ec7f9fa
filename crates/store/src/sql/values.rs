//! The values bound to a statement, and how each database keeps them.

use sqlx::Arguments;
use sqlx::postgres::PgArguments;
use sqlx::sqlite::SqliteArguments;
use time::OffsetDateTime;
use uuid::Uuid;

/// One value bound to a statement.
#[derive(Clone, Debug)]
pub enum Value {
    I64(Option<i64>),
    /// For PostgreSQL's `integer` columns.
    I32(Option<i32>),
    F64(Option<f64>),
    Bool(Option<bool>),
    Text(Option<String>),
    Bytes(Option<Vec<u8>>),
    Uuid(Option<Uuid>),
    Time(Option<OffsetDateTime>),
    Json(Option<serde_json::Value>),
    /// For `= any($n)` and `<> all($n)`.
    Keys(Vec<i64>),
}

/// What may be bound to a statement.
pub trait Param {
    fn value(self) -> Value;
}

macro_rules! param {
    ($variant:ident, $t:ty, $into:expr) => {
        impl Param for $t {
            fn value(self) -> Value {
                Value::$variant(Some($into(self)))
            }
        }
        impl Param for Option<$t> {
            fn value(self) -> Value {
                Value::$variant(self.map($into))
            }
        }
    };
}

param!(I64, i64, |v| v);
param!(I32, i32, |v| v);
param!(I64, u32, i64::from);
param!(F64, f64, |v| v);
param!(Bool, bool, |v| v);
param!(Text, String, |v| v);
param!(Text, &str, str::to_owned);
param!(Text, &String, String::clone);
param!(Bytes, Vec<u8>, |v| v);
param!(Bytes, &[u8], <[u8]>::to_vec);
param!(Uuid, Uuid, |v| v);
param!(Time, OffsetDateTime, |v| v);
param!(Json, serde_json::Value, |v| v);
param!(Json, &serde_json::Value, serde_json::Value::clone);

impl Param for &Option<String> {
    fn value(self) -> Value {
        Value::Text(self.clone())
    }
}

impl Param for &Vec<i64> {
    fn value(self) -> Value {
        Value::Keys(self.clone())
    }
}

impl Param for &[i64] {
    fn value(self) -> Value {
        Value::Keys(self.to_vec())
    }
}

impl Param for Vec<i64> {
    fn value(self) -> Value {
        Value::Keys(self)
    }
}

/// Microseconds since 1970: how SQLite keeps a time.
pub fn micros(t: OffsetDateTime) -> i64 {
    (t.unix_timestamp_nanos() / 1_000) as i64
}

pub fn from_micros(us: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp_nanos(us as i128 * 1_000).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

pub(super) fn sqlite_arguments(values: Vec<Value>) -> Result<SqliteArguments, sqlx::error::BoxDynError> {
    let mut args = SqliteArguments::default();
    for value in values {
        match value {
            Value::I64(v) => args.add(v)?,
            Value::I32(v) => args.add(v)?,
            Value::F64(v) => args.add(v)?,
            Value::Bool(v) => args.add(v)?,
            Value::Text(v) => args.add(v)?,
            Value::Bytes(v) => args.add(v)?,
            Value::Uuid(v) => args.add(v)?,
            Value::Time(v) => args.add(v.map(micros))?,
            Value::Json(v) => args.add(v.map(|j| j.to_string()))?,
            Value::Keys(keys) => args.add(serde_json::to_string(&keys)?)?,
        }
    }
    Ok(args)
}

pub(super) fn postgres_arguments(values: Vec<Value>) -> Result<PgArguments, sqlx::error::BoxDynError> {
    let mut args = PgArguments::default();
    for value in values {
        match value {
            Value::I64(v) => args.add(v)?,
            Value::I32(v) => args.add(v)?,
            Value::F64(v) => args.add(v)?,
            Value::Bool(v) => args.add(v)?,
            Value::Text(v) => args.add(v)?,
            Value::Bytes(v) => args.add(v)?,
            Value::Uuid(v) => args.add(v)?,
            Value::Time(v) => args.add(v)?,
            Value::Json(v) => args.add(v)?,
            Value::Keys(keys) => args.add(keys)?,
        }
    }
    Ok(args)
}
