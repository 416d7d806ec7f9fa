//! Reading and writing the few cookies Kontor uses.

use axum::http::{HeaderMap, HeaderValue, header};

pub const SESSION: &str = "kontor_session";
pub const DEVICE: &str = "kontor_device";
pub const CSRF: &str = "kontor_csrf";
pub const LANG: &str = "kontor_lang";
/// The pending second step of a log-in.
pub const SECOND_FACTOR: &str = "kontor_2fa";
/// The browser that signed up: its verification link keeps the password typed there.
pub const SIGNUP: &str = "kontor_signup";

/// The value of cookie `name`, if the request carries it.
pub fn get<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
        .filter(|v| !v.is_empty())
}

/// A `Set-Cookie` value: HttpOnly and SameSite=Lax always, Secure behind https.
/// `max_age` in seconds; `None` for a browser-session cookie, `Some(0)` to delete.
pub fn set(name: &str, value: &str, max_age: Option<i64>, secure: bool) -> HeaderValue {
    let mut cookie = format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax");
    if let Some(age) = max_age {
        cookie.push_str(&format!("; Max-Age={age}"));
    }
    if secure {
        cookie.push_str("; Secure");
    }
    HeaderValue::from_str(&cookie).unwrap_or_else(|_| HeaderValue::from_static(""))
}

pub fn clear(name: &str, secure: bool) -> HeaderValue {
    set(name, "", Some(0), secure)
}
