//! The request context of a page: who asks, in which language, from where.

use crate::cookies;
use crate::error::{PageError, TWO_FACTOR_SET_UP};
use crate::security::CsrfToken;
use crate::state::AppState;
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use kontor_core::accounts::Current;
use kontor_core::admin::SiteSettings;
use kontor_core::i18n::{Filled, Lang};
use kontor_core::secrets::RawToken;
use std::borrow::Cow;
use std::net::{IpAddr, SocketAddr};

/// Translations for templates: `{{ tr.t("key") }}`.
#[derive(Clone, Copy, Debug)]
pub struct Tr(pub Lang);

impl Tr {
    /// A message whose key is written into the page (a literal).
    pub fn t(&self, key: &'static str) -> Cow<'static, str> {
        self.0.t_static(key)
    }

    /// A message whose key is made while the page is (a notice, an error, a label).
    pub fn key(&self, key: &str) -> Cow<'static, str> {
        self.0.t(key)
    }

    pub fn n(&self, key: &str, count: impl Count) -> Cow<'static, str> {
        self.0.t_count(key, count.count())
    }

    pub fn s<'a>(&self, key: &str, name: &str, value: &'a str) -> Filled<'a> {
        self.0.t_with(key, name, value)
    }

    /// A whole number with the language's grouping ("1.528", "1,528").
    pub fn num(&self, n: impl Count) -> String {
        kontor_core::formats::number(self.0, n.count())
    }

    /// The plural message `{prefix}-{value}` for `count` (a label for a number of a kind).
    pub fn n_of(&self, prefix: &str, value: impl std::fmt::Display, count: impl Count) -> Cow<'static, str> {
        self.0.t_count(&format!("{prefix}-{value}"), count.count())
    }

    /// The translation of `{prefix}-{value}`, for keys named after a value.
    pub fn of(&self, prefix: &str, value: impl std::fmt::Display) -> Cow<'static, str> {
        use std::fmt::Write;
        thread_local! {
            /// The key is built here: a page asks for dozens.
            static KEY: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
        }
        KEY.with_borrow_mut(|key| {
            key.clear();
            let _ = write!(key, "{prefix}-{value}");
            self.0.t(key)
        })
    }

    /// A calendar date the way the member's language writes it.
    pub fn date(&self, at: &time::OffsetDateTime) -> DateText {
        DateText(self.0, at.date())
    }

    /// When something happened: a `<time>` with the day written out, which the page's
    /// script turns into "vor 5 Minuten" / "5 minutes ago" for the last week (in the
    /// browser's own clock and locale data; without script the day stays).
    pub fn when(&self, at: &time::OffsetDateTime) -> WhenText {
        WhenText(self.0, *at)
    }

    pub fn code(&self) -> &'static str {
        self.0.code()
    }
}

/// A date as [`Tr::date`] writes it, straight into the page.
pub struct DateText(Lang, time::Date);

/// Digits, letters of month names, dots and spaces: nothing to escape.
impl askama::filters::HtmlSafe for DateText {}

impl std::fmt::Display for DateText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&kontor_core::formats::long_date(self.0, self.1))
    }
}

/// A moment as [`Tr::when`] writes it: an element with its time in RFC 3339.
pub struct WhenText(Lang, time::OffsetDateTime);

/// The attribute holds digits, `-`, `:`, `T` and `Z`; the text is a [`DateText`].
impl askama::filters::HtmlSafe for WhenText {}

impl std::fmt::Display for WhenText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let utc = self.1.to_offset(time::UtcOffset::UTC).replace_nanosecond(0).unwrap_or(self.1);
        let stamp = utc.format(&time::format_description::well_known::Rfc3339).unwrap_or_default();
        write!(f, "<time datetime=\"{stamp}\" data-relative>{}</time>", DateText(self.0, self.1.date()))
    }
}

/// A number that decides a plural form (templates pass counts of any integer type, by
/// value or by reference).
pub trait Count {
    fn count(&self) -> i64;
}

macro_rules! count {
    ($($t:ty),*) => {$(
        impl Count for $t {
            fn count(&self) -> i64 {
                i64::try_from(*self).unwrap_or(i64::MAX)
            }
        }
    )*};
}
count!(i32, i64, u64, u32, usize);

impl<T: Count> Count for &T {
    fn count(&self) -> i64 {
        (**self).count()
    }
}

pub struct Ctx {
    pub tr: Tr,
    pub member: Option<Current>,
    pub csrf: CsrfToken,
    pub site: SiteSettings,
    pub client_ip: String,
    pub user_agent: String,
    pub device: Option<RawToken>,
    /// The path asked for, to come back to after logging in.
    pub path: String,
    /// Contact requests waiting for the member's answer (the top bar's count).
    pub pending_requests: u64,
    /// Unread notifications (the bell's count).
    pub unread_notifications: u64,
    /// The member's own photo's version, for the header's avatar.
    pub photo: Option<String>,
}

impl Ctx {
    pub fn lang(&self) -> Lang {
        self.tr.0
    }

    /// The signed-in member, or the log-in page for a visitor.
    pub fn require(&self) -> Result<&Current, PageError> {
        self.member.as_ref().ok_or(PageError(kontor_core::Error::Unauthenticated))
    }
}

impl FromRequestParts<AppState> for Ctx {
    type Rejection = PageError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, PageError> {
        let headers = &parts.headers;
        let member = match cookies::get(headers, cookies::SESSION) {
            Some(token) => state.kontor.accounts().authenticate(&RawToken::from_client(token)).await?,
            None => None,
        };
        let site = state.kontor.site_settings().await?;
        let lang = member
            .as_ref()
            .map(|m| m.account.lang)
            .or_else(|| cookies::get(headers, cookies::LANG).and_then(Lang::parse))
            .unwrap_or_else(|| accept_language_or(headers, site.lang));
        // Until a member the site requires a second factor of has one, only its set-up,
        // the language and logging out are open.
        let open_while_owed = [TWO_FACTOR_SET_UP, "/logout", "/language"];
        if member.as_ref().is_some_and(|m| m.owes_two_factor) && !open_while_owed.contains(&parts.uri.path()) {
            return Err(PageError(kontor_core::Error::TwoFactorRequired));
        }
        let (pending_requests, unread_notifications, photo) = match &member {
            Some(m) => {
                let own = state.kontor.member_state(m.account.key).await?;
                // From the cards held in memory; a new photo forgets the member's card.
                let card = state.kontor.derived().cards.one(&**state.kontor.store(), m.account.key).await;
                let photo = card.map_err(|e| PageError(e.into()))?.and_then(|c| c.profile.photo.clone());
                (own.pending_requests, own.unread_notifications, photo)
            }
            None => (0, 0, None),
        };
        let peer = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
        Ok(Ctx {
            tr: Tr(lang),
            member,
            csrf: parts.extensions.get::<CsrfToken>().cloned().unwrap_or_default(),
            site,
            client_ip: client_ip(headers, peer, &state.settings.trusted_proxies),
            user_agent: headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok()).unwrap_or("").to_owned(),
            device: cookies::get(headers, cookies::DEVICE).map(RawToken::from_client),
            path: parts.uri.path_and_query().map(|p| p.as_str().to_owned()).unwrap_or_default(),
            pending_requests,
            unread_notifications,
            photo,
        })
    }
}

pub fn accept_language(headers: &HeaderMap) -> Lang {
    accept_language_or(headers, Lang::default())
}

/// The language the request asks for, or `otherwise` (the site's) where it asks for
/// none of ours.
pub fn accept_language_or(headers: &HeaderMap, otherwise: Lang) -> Lang {
    let asked = headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).unwrap_or("");
    Lang::negotiate_or(asked, otherwise)
}

/// The client's address: the peer's, unless the peer is a trusted proxy; then the last
/// address in `X-Forwarded-For` that is not itself a trusted proxy.
pub fn client_ip(headers: &HeaderMap, peer: Option<IpAddr>, trusted: &[IpAddr]) -> String {
    let Some(peer) = peer else {
        return "unknown".into();
    };
    if !trusted.contains(&peer) {
        return peer.to_string();
    }
    let forwarded = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|ip| ip.trim().parse::<IpAddr>().ok())
        .collect::<Vec<_>>();
    forwarded.into_iter().rev().find(|ip| !trusted.contains(ip)).unwrap_or(peer).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forwarded_for_counts_only_behind_trusted_proxies() {
        let mut h = HeaderMap::new();
        h.insert("x-forwarded-for", "198.51.100.7, 10.0.0.2".parse().unwrap());
        let proxy: IpAddr = "10.0.0.1".parse().unwrap();
        let inner: IpAddr = "10.0.0.2".parse().unwrap();
        assert_eq!(client_ip(&h, Some(proxy), &[proxy, inner]), "198.51.100.7");
        assert_eq!(client_ip(&h, Some(proxy), &[]), "10.0.0.1");
        assert_eq!(client_ip(&h, Some(proxy), &[proxy]), "10.0.0.2");
    }
}
