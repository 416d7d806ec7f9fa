//! Every route Kontor answers, listed once: the one place a new page, action or API
//! operation is registered with the verification suite. A route with an `{action}`
//! segment is listed once per action it takes. Tests compare this list with the OpenAPI
//! document, with the router (each listed route must exist) and with every link and
//! form a crawl of the pages finds (each must be listed), so a route nobody listed
//! fails the suite.

/// Who a route is for: what a request needs to be answered with what it asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Who {
    /// Anyone, logged in or not (what it shows may still depend on who asks).
    Anyone,
    /// A logged-in member (a session cookie, or a bearer token for the API).
    Member,
    /// An administrator.
    Admin,
    /// Whoever holds the secret in the address (a link from an e-mail).
    Link,
}

/// One route: the method, the path as the router writes it (actions filled in), who it
/// is for, and what kind of object its `{id}` names (for the visibility oracle).
#[derive(Clone, Copy, Debug)]
pub struct Route {
    pub method: &'static str,
    pub path: &'static str,
    pub who: Who,
    pub names: &'static str,
}

const fn r(method: &'static str, path: &'static str, who: Who, names: &'static str) -> Route {
    Route { method, path, who, names }
}

use Who::{Admin, Anyone, Link, Member};

pub const ROUTES: &[Route] = &[
    // Pages: visitors.
    r("GET", "/", Anyone, ""),
    r("GET", "/signup", Anyone, ""),
    r("POST", "/signup", Anyone, ""),
    r("GET", "/login", Anyone, ""),
    r("POST", "/login", Anyone, ""),
    r("GET", "/login/code", Anyone, ""),
    r("POST", "/login/code", Anyone, ""),
    r("POST", "/logout", Member, ""),
    r("GET", "/reset", Anyone, ""),
    r("POST", "/reset", Anyone, ""),
    r("GET", "/reset/{token}", Link, ""),
    r("POST", "/reset/{token}", Link, ""),
    r("GET", "/verify/{token}", Link, ""),
    r("POST", "/verify/{token}", Link, ""),
    r("GET", "/invite/{token}", Link, ""),
    r("POST", "/invite/{token}", Link, ""),
    r("GET", "/email/{token}", Link, ""),
    r("POST", "/email/{token}", Link, ""),
    r("GET", "/unsubscribe/{token}", Link, ""),
    r("POST", "/unsubscribe/{token}", Link, ""),
    r("POST", "/language", Anyone, ""),
    r("GET", "/legal/{kind}", Anyone, "legal"),
    // Pages: the ticker and posts.
    r("GET", "/home", Member, ""),
    r("POST", "/posts", Member, ""),
    r("GET", "/posts/{id}", Anyone, "post"),
    r("GET", "/posts/{id}/delete", Member, "post"),
    r("POST", "/posts/{id}/delete", Member, "post"),
    r("POST", "/posts/{id}/like", Member, "post"),
    r("POST", "/posts/{id}/unlike", Member, "post"),
    r("POST", "/posts/{id}/comment", Member, "post"),
    r("POST", "/posts/{id}/share", Member, "post"),
    r("POST", "/posts/{id}/edit", Member, "post"),
    r("POST", "/posts/{id}/report", Member, "post"),
    r("GET", "/mentions", Member, ""),
    r("GET", "/settings/ticker", Member, ""),
    r("POST", "/settings/ticker", Member, ""),
    r("POST", "/members/{id}/ticker/mute", Member, "member"),
    r("POST", "/members/{id}/ticker/unmute", Member, "member"),
    // Pages: notifications.
    r("GET", "/notifications", Member, ""),
    r("POST", "/notifications/read", Member, ""),
    r("GET", "/settings/notifications", Member, ""),
    r("POST", "/settings/notifications", Member, ""),
    r("GET", "/live", Member, ""),
    // Pages: members, contacts, the network.
    r("GET", "/members/{id}", Anyone, "member"),
    r("POST", "/members/{id}/request", Member, "member"),
    r("POST", "/members/{id}/contact", Member, "member"),
    r("GET", "/members/{id}/vcard", Member, "member"),
    r("GET", "/members/{id}/remove", Member, "member"),
    r("POST", "/members/{id}/remove", Member, "member"),
    r("GET", "/members/{id}/block", Member, "member"),
    r("POST", "/members/{id}/block", Member, "member"),
    r("POST", "/members/{id}/unblock", Member, "member"),
    r("POST", "/members/{id}/dismiss", Member, "member"),
    r("GET", "/contacts", Member, ""),
    r("GET", "/contacts/vcard", Member, ""),
    r("GET", "/contacts/requests", Member, ""),
    r("POST", "/contacts/requests/{id}/accept", Member, "request"),
    r("POST", "/contacts/requests/{id}/decline", Member, "request"),
    r("POST", "/contacts/requests/{id}/withdraw", Member, "request"),
    r("GET", "/matches", Member, ""),
    r("GET", "/people", Anyone, ""),
    r("GET", "/search/suggest", Member, ""),
    r("GET", "/search/posts", Anyone, ""),
    r("GET", "/searches", Member, ""),
    r("POST", "/searches", Member, ""),
    r("POST", "/searches/{id}/alerts", Member, "search"),
    r("POST", "/searches/{id}/delete", Member, "search"),
    r("GET", "/settings/contacts", Member, ""),
    r("POST", "/settings/contacts", Member, ""),
    // Pages: the member's own profile and settings.
    r("GET", "/profile/edit", Member, ""),
    r("POST", "/profile/edit", Member, ""),
    r("GET", "/profile/preview", Member, ""),
    r("POST", "/profile/photo", Member, ""),
    r("POST", "/profile/photo/delete", Member, ""),
    r("GET", "/media/photos/{id}/{version}/{file}", Anyone, "photo"),
    r("GET", "/suggest", Member, ""),
    r("GET", "/settings", Member, ""),
    r("POST", "/settings/delete-account", Member, ""),
    r("POST", "/settings/email", Member, ""),
    r("POST", "/settings/password", Member, ""),
    r("POST", "/settings/tokens", Member, ""),
    r("POST", "/settings/tokens/{id}/revoke", Member, "token"),
    r("GET", "/settings/two-factor", Member, ""),
    r("POST", "/settings/two-factor", Member, ""),
    r("POST", "/settings/two-factor/off", Member, ""),
    r("POST", "/settings/confirm", Member, ""),
    r("POST", "/settings/sessions/{id}/end", Member, "session"),
    r("POST", "/settings/logout-everywhere", Member, ""),
    // Pages: administration.
    r("GET", "/admin", Admin, ""),
    r("POST", "/admin/settings", Admin, ""),
    r("POST", "/admin/invite", Admin, ""),
    r("POST", "/admin/sessions/end", Admin, ""),
    r("POST", "/admin/jobs/{id}/retry", Admin, "job"),
    r("POST", "/admin/entities/merge", Admin, ""),
    r("GET", "/admin/legal/{kind}/{lang}", Admin, "legal"),
    r("POST", "/admin/legal/{kind}/{lang}", Admin, "legal"),
    r("POST", "/admin/members/{id}/approve", Admin, "member"),
    r("POST", "/admin/members/{id}/suspend", Admin, "member"),
    r("POST", "/admin/members/{id}/reinstate", Admin, "member"),
    r("POST", "/admin/members/{id}/make_admin", Admin, "member"),
    r("POST", "/admin/members/{id}/revoke_admin", Admin, "member"),
    r("POST", "/admin/members/{id}/delete", Admin, "member"),
    r("POST", "/admin/members/{id}/end_sessions", Admin, "member"),
    r("POST", "/admin/members/{id}/invite", Admin, "member"),
    // Operations and static files.
    r("GET", "/healthz", Anyone, ""),
    r("GET", "/metrics", Anyone, ""),
    r("GET", "/static/kontor.css", Anyone, ""),
    r("GET", "/static/kontor.js", Anyone, ""),
    r("GET", "/static/icon.svg", Anyone, ""),
    r("GET", "/static/icon-180.png", Anyone, ""),
    r("GET", "/static/icon-512.png", Anyone, ""),
    r("GET", "/static/manifest.json", Anyone, ""),
    // The API: accounts and the member's own account.
    r("GET", "/api/v1/openapi.json", Anyone, ""),
    r("POST", "/api/v1/signup", Anyone, ""),
    r("POST", "/api/v1/sessions", Anyone, ""),
    r("DELETE", "/api/v1/sessions/current", Member, ""),
    r("POST", "/api/v1/password-reset", Anyone, ""),
    r("POST", "/api/v1/password-reset/{token}", Link, ""),
    r("POST", "/api/v1/verify/{token}", Link, ""),
    r("POST", "/api/v1/invitations/{token}", Link, ""),
    r("GET", "/api/v1/me", Member, ""),
    r("DELETE", "/api/v1/me", Member, ""),
    r("PUT", "/api/v1/me/password", Member, ""),
    r("POST", "/api/v1/me/reauthenticate", Member, ""),
    r("PUT", "/api/v1/me/language", Member, ""),
    r("POST", "/api/v1/me/two-factor", Member, ""),
    r("PUT", "/api/v1/me/two-factor", Member, ""),
    r("DELETE", "/api/v1/me/two-factor", Member, ""),
    r("GET", "/api/v1/me/sessions", Member, ""),
    r("DELETE", "/api/v1/me/sessions/{id}", Member, "session"),
    r("GET", "/api/v1/me/access-tokens", Member, ""),
    r("POST", "/api/v1/me/access-tokens", Member, ""),
    r("DELETE", "/api/v1/me/access-tokens/{id}", Member, "token"),
    r("PUT", "/api/v1/me/photo", Member, ""),
    r("DELETE", "/api/v1/me/photo", Member, ""),
    r("GET", "/api/v1/me/profile", Member, ""),
    r("PUT", "/api/v1/me/profile", Member, ""),
    r("GET", "/api/v1/suggest", Member, ""),
    // The API: members, contacts, the network.
    r("GET", "/api/v1/members/{id}", Anyone, "member"),
    r("GET", "/api/v1/members/{id}/photo", Anyone, "member"),
    r("GET", "/api/v1/members/{id}/network", Member, "member"),
    r("POST", "/api/v1/members/{id}/contact-request", Member, "member"),
    r("GET", "/api/v1/me/contacts", Member, ""),
    r("GET", "/api/v1/me/contacts/tags", Member, ""),
    r("GET", "/api/v1/me/contacts/vcard", Member, ""),
    r("PUT", "/api/v1/me/contacts/{id}", Member, "member"),
    r("DELETE", "/api/v1/me/contacts/{id}", Member, "member"),
    r("GET", "/api/v1/me/contacts/{id}/vcard", Member, "member"),
    r("GET", "/api/v1/me/contact-requests/received", Member, ""),
    r("GET", "/api/v1/me/contact-requests/sent", Member, ""),
    r("DELETE", "/api/v1/me/contact-requests/{id}", Member, "request"),
    r("POST", "/api/v1/me/contact-requests/{id}/accept", Member, "request"),
    r("POST", "/api/v1/me/contact-requests/{id}/decline", Member, "request"),
    r("GET", "/api/v1/me/blocks", Member, ""),
    r("PUT", "/api/v1/me/blocks/{id}", Member, "member"),
    r("DELETE", "/api/v1/me/blocks/{id}", Member, "member"),
    r("GET", "/api/v1/me/contact-settings", Member, ""),
    r("PUT", "/api/v1/me/contact-settings", Member, ""),
    r("GET", "/api/v1/me/network", Member, ""),
    r("GET", "/api/v1/me/suggestions", Member, ""),
    r("GET", "/api/v1/me/matches", Member, ""),
    r("DELETE", "/api/v1/me/suggestions/{id}", Member, "member"),
    r("GET", "/api/v1/people", Member, ""),
    r("GET", "/api/v1/search/people", Member, ""),
    r("GET", "/api/v1/search/posts", Member, ""),
    r("GET", "/api/v1/me/searches", Member, ""),
    r("POST", "/api/v1/me/searches", Member, ""),
    r("PUT", "/api/v1/me/searches/{id}", Member, "search"),
    r("DELETE", "/api/v1/me/searches/{id}", Member, "search"),
    // The API: the ticker and notifications.
    r("GET", "/api/v1/me/ticker", Member, ""),
    r("POST", "/api/v1/posts", Member, ""),
    r("GET", "/api/v1/posts/{id}", Anyone, "post"),
    r("PUT", "/api/v1/posts/{id}", Member, "post"),
    r("DELETE", "/api/v1/posts/{id}", Member, "post"),
    r("POST", "/api/v1/posts/{id}/comments", Member, "post"),
    r("PUT", "/api/v1/posts/{id}/like", Member, "post"),
    r("DELETE", "/api/v1/posts/{id}/like", Member, "post"),
    r("POST", "/api/v1/posts/{id}/shares", Member, "post"),
    r("POST", "/api/v1/posts/{id}/reports", Member, "post"),
    r("GET", "/api/v1/me/ticker-settings", Member, ""),
    r("PUT", "/api/v1/me/ticker-settings", Member, ""),
    r("GET", "/api/v1/me/mention-suggestions", Member, ""),
    r("GET", "/api/v1/me/mutes", Member, ""),
    r("PUT", "/api/v1/me/mutes/{id}", Member, "member"),
    r("DELETE", "/api/v1/me/mutes/{id}", Member, "member"),
    r("GET", "/api/v1/me/notifications", Member, ""),
    r("GET", "/api/v1/me/notifications/unread", Member, ""),
    r("POST", "/api/v1/me/notifications/read", Member, ""),
    r("GET", "/api/v1/me/notification-settings", Member, ""),
    r("PUT", "/api/v1/me/notification-settings", Member, ""),
    // The API: the site and its administration.
    r("GET", "/api/v1/legal/{kind}", Anyone, "legal"),
    r("GET", "/api/v1/admin/legal/{kind}/{lang}", Admin, "legal"),
    r("PUT", "/api/v1/admin/legal/{kind}/{lang}", Admin, "legal"),
    r("GET", "/api/v1/admin/members", Admin, ""),
    r("POST", "/api/v1/admin/members/{id}/{action}", Admin, "member"),
    r("PUT", "/api/v1/admin/settings", Admin, ""),
    r("DELETE", "/api/v1/admin/sessions", Admin, ""),
    r("POST", "/api/v1/admin/invitations", Admin, ""),
    r("GET", "/api/v1/admin/jobs", Admin, ""),
    r("POST", "/api/v1/admin/jobs/{id}/retry", Admin, "job"),
];

/// The listed route a concrete request path and method fall under, if any: literal
/// segments must be equal, `{…}` segments take any one segment.
pub fn route_of(method: &str, path: &str) -> Option<&'static Route> {
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let parts: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    let fits = |route: &Route| {
        let pattern: Vec<&str> = route.path.trim_end_matches('/').split('/').collect();
        pattern.len() == parts.len()
            && pattern.iter().zip(&parts).all(|(p, s)| (p.starts_with('{') && !s.is_empty()) || p == s)
    };
    // A literal segment is more specific than a parameter: `/contacts/vcard` is not
    // `/contacts/{id}`. The listed routes with the fewest parameters are tried first.
    let mut candidates: Vec<&Route> = ROUTES.iter().filter(|r| r.method == method && fits(r)).collect();
    candidates.sort_by_key(|r| r.path.matches('{').count());
    candidates.first().copied()
}
