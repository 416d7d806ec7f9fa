//! The OpenAPI 3 document of the API, generated from the handlers' annotations.

use crate::error::{ApiErrorBody, ApiFieldError};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(title = "Kontor API", description = "The JSON API of Kontor, a self-hosted professional network. \
        Authenticate with `Authorization: Bearer <token>`: a personal access token from the settings page, \
        or the token of `POST /sessions`. An access token may do what its scopes say (`read`: GET requests, \
        `write`: the rest) and never manages credentials, sessions or tokens: those routes (security `session`) \
        need the token of `POST /sessions`, and changing credentials needs it fresh (or `POST /me/reauthenticate`) \
        within 10 minutes. Errors have a stable `code`.", license(name = "AGPL-3.0-or-later")),
    servers((url = "/api/v1")),
    // The error body is named by the answers every operation may give (below).
    components(schemas(ApiErrorBody, ApiFieldError)),
    modifiers(&BearerAuth),
    tags((name = "accounts", description = "Sign-up, log-in, sessions"),
        (name = "account", description = "The signed-in member's own account"),
        (name = "profiles", description = "Profiles, each field with its own visibility"),
        (name = "contacts", description = "Contacts, requests, blocks and the address book"),
        (name = "network", description = "Degrees, paths, shared contacts, suggestions and finding people"),
        (name = "search", description = "Finding people: who offers what I seek, who seeks what I offer"),
        (name = "ticker", description = "The news of my network: posts, comments, likes, shares, settings, mutes"),
        (name = "notifications", description = "What I am told personally, in the app and by e-mail"),
        (name = "site", description = "The site's own pages: Impressum, privacy notice, terms of use"),
        (name = "admin", description = "For administrators"))
)]
pub(super) struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        let bearer = |description: &str| {
            SecurityScheme::Http(
                HttpBuilder::new().scheme(HttpAuthScheme::Bearer).description(Some(description)).build(),
            )
        };
        components.add_security_scheme(
            "bearer",
            bearer("A session token from POST /sessions, or a personal access token with the scope listed."),
        );
        components.add_security_scheme(
            "session",
            bearer("Only a session token from POST /sessions; personal access tokens are refused (session_required)."),
        );
    }
}

/// The answers every operation may give besides its own, added where an operation does
/// not describe them itself: the document lists every status a client can meet.
struct StandardAnswers;

/// Operations behind a rate limit (see `[limits]` in kontor.toml).
const LIMITED: [(&str, &str); 10] = [
    ("post", "/signup"),
    ("post", "/sessions"),
    ("post", "/password-reset"),
    ("post", "/me/reauthenticate"),
    ("put", "/me/password"),
    ("delete", "/me"),
    ("put", "/me/two-factor"),
    ("delete", "/me/two-factor"),
    ("put", "/me/photo"),
    ("post", "/members/{id}/contact-request"),
];

impl Modify for StandardAnswers {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::path::ParameterIn;
        use utoipa::openapi::{Content, Ref, ResponseBuilder};
        let error = |description: &str| {
            ResponseBuilder::new()
                .description(description)
                .content("application/json", Content::new(Some(Ref::from_schema_name("ApiErrorBody"))))
                .build()
        };
        for (path, item) in openapi.paths.paths.iter_mut() {
            let operations = [
                ("get", &mut item.get),
                ("put", &mut item.put),
                ("post", &mut item.post),
                ("delete", &mut item.delete),
                ("patch", &mut item.patch),
            ];
            for (method, operation) in operations {
                let Some(operation) = operation.as_mut() else { continue };
                let secured = operation.security.as_ref().is_some_and(|s| !s.is_empty());
                let parameters = operation.parameters.as_deref().unwrap_or_default();
                let queried = parameters
                    .iter()
                    .any(|p| matches!(p, utoipa::openapi::RefOr::T(p) if matches!(p.parameter_in, ParameterIn::Query)));
                let body = operation.request_body.is_some();
                let mut answers: Vec<(&str, &str)> = Vec::new();
                if secured {
                    answers.push(("401", "unauthenticated: no bearer token, or one that has ended"));
                    answers.push((
                        "403",
                        "forbidden, insufficient_scope (an access token without the scope), session_required \
                         (an access token where only a session may act) or reauthentication_required",
                    ));
                }
                if path.contains('{') {
                    answers.push(("404", "not_found: nothing there, or nothing the caller may see"));
                }
                if body || queried {
                    answers.push(("422", "validation_failed: the fields say which input is wrong and why"));
                }
                if body {
                    answers.push(("413", "validation_failed with too_large: the body is larger than allowed"));
                }
                if LIMITED.contains(&(method, path.as_str())) {
                    answers.push(("429", "rate_limited: retry_after_secs (and Retry-After) say when to try again"));
                }
                answers.push(("503", "busy or storage_full: nothing was written; try again after Retry-After"));
                for (status, description) in answers {
                    operation.responses.responses.entry(status.to_owned()).or_insert_with(|| error(description).into());
                }
            }
        }
    }
}

/// The document once every route has added its operations: the answers each operation may
/// give besides its own.
pub(super) fn complete(document: &mut utoipa::openapi::OpenApi) {
    StandardAnswers.modify(document);
}
