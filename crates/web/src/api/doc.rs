//! The OpenAPI 3 document of the API, generated from the handlers' annotations.

use super::{admin, auth, contacts, legal, me, network, notifications, profiles, ticker};
use crate::error::{ApiErrorBody, ApiFieldError};
use axum::Json;
use kontor_core::accounts::{AccessToken, Account, AccountState, DisplayName, Email, Role, Session};
use kontor_core::admin::{SignupMode, SiteSettings, TwoFactorRule};
use kontor_core::contacts::{
    ContactDetails, ContactEdit, ContactSettings, ContactSort, ContactTag, HowWeKnow, ListVisibility, ListedContact,
    ReceivedRequest, RequestOutcome, SentRequest, Standing, Tie,
};
use kontor_core::entities::Suggestion;
use kontor_core::i18n::Lang;
use kontor_core::ids::MemberId;
use kontor_core::network::{MemberCard, NetworkOverview, Suggested};
use kontor_core::privacy::Visibility;
use kontor_core::profiles::{Field, Position, Profile, ProfileForm, ProfileView, Schooling, Visibilities};
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
    paths(auth::signup, auth::login, auth::logout, auth::me, auth::request_reset, auth::reset, auth::verify,
        auth::accept_invitation, me::change_password, me::reauthenticate, me::set_language, me::sessions, me::end_session, me::access_tokens,
        me::create_access_token, me::revoke_access_token, me::put_photo, me::delete_photo, me::delete_account, me::begin_two_factor, me::enable_two_factor,
        me::disable_two_factor,
        profiles::own, profiles::update, profiles::show, profiles::photo, profiles::suggest,
        legal::show, legal::draft, legal::save,
        admin::members, admin::act, admin::settings, admin::end_every_session, admin::invite, admin::parked_jobs, admin::retry_job,
        contacts::list, contacts::tags, contacts::edit, contacts::remove, contacts::vcards, contacts::vcard,
        contacts::request, contacts::received, contacts::sent, contacts::accept, contacts::decline, contacts::withdraw,
        contacts::blocks, contacts::block, contacts::unblock, contacts::settings, contacts::set_settings,
        network::tie, network::size, network::suggestions, network::dismiss, network::people,
        ticker::ticker, ticker::create, ticker::show, ticker::edit, ticker::delete, ticker::comment, ticker::like,
        ticker::unlike, ticker::share, ticker::report, ticker::settings, ticker::set_settings, ticker::mutes,
        ticker::mute, ticker::unmute, ticker::mention_suggestions,
        notifications::list, notifications::unread, notifications::mark_read, notifications::settings,
        notifications::set_settings),
    components(schemas(Account, AccountState, Role, Email, DisplayName, MemberId, Lang, ProfileView, Profile, ProfileForm,
        Position, Schooling, Field, Visibility, Visibilities, ApiErrorBody, ApiFieldError,
        auth::SignupRequest, auth::InvitationAcceptance, auth::SignupAccepted, auth::VerifyRequest, auth::LoginRequest, auth::LoginResponse, auth::ResetRequest, auth::NewPassword,
        me::PasswordChange, me::LanguageChange, me::NewAccessToken, me::CreatedAccessToken, me::AccountDeletion, me::TwoFactorSetupResponse,
        me::TwoFactorConfirm, me::RecoveryCodes, me::TwoFactorOff, me::Reauthentication, me::Reauthenticated, me::EndedElsewhere,
        kontor_core::accounts::Scope, kontor_core::entities::EntityKind,
        legal::LegalText, legal::LegalDraft, legal::LegalChange, kontor_core::legal::LegalKind,
        kontor_core::legal::LegalPages,
        admin::MemberPage, admin::SettingsChange, admin::Invitation, Session, AccessToken, SiteSettings, SignupMode, TwoFactorRule, Suggestion,
        kontor_core::jobs::Job, kontor_core::jobs::JobKind, kontor_core::jobs::JobState,
        contacts::ContactList, contacts::NewRequest, contacts::RequestResult, contacts::BlockedMember, network::NetworkSize,
        ListedContact, ContactEdit, ContactSettings, ListVisibility, ContactTag, HowWeKnow, ReceivedRequest, SentRequest,
        RequestOutcome, Standing, Tie, ContactDetails, MemberCard, NetworkOverview, Suggested, ContactSort,
        ticker::NewPost, ticker::Created, ticker::TextChange, ticker::NewComment, ticker::NewShare, ticker::NewReport,
        kontor_core::ticker::TickerPage, kontor_core::ticker::TickerItem, kontor_core::ticker::PostView,
        kontor_core::ticker::CommentView, kontor_core::ticker::PostThread, kontor_core::ticker::ProfileNewsView,
        kontor_core::ticker::Span, kontor_core::ticker::Because, kontor_core::ticker::PostStats,
        kontor_core::ticker::ActivityKind, kontor_core::ticker::Audience, kontor_core::ticker::Reach,
        kontor_core::ticker::TickerFilter, kontor_core::ticker::TickerSettings,
        notifications::Unread, notifications::MarkRead, kontor_core::notifications::NotificationPage,
        kontor_core::notifications::NotificationView, kontor_core::notifications::PostRef,
        kontor_core::notifications::NotificationKind, kontor_core::notifications::MailChoice,
        kontor_core::notifications::MailSetting)),
    modifiers(&BearerAuth, &StandardAnswers),
    tags((name = "accounts", description = "Sign-up, log-in, sessions"),
        (name = "account", description = "The signed-in member's own account"),
        (name = "profiles", description = "Profiles, each field with its own visibility"),
        (name = "contacts", description = "Contacts, requests, blocks and the address book"),
        (name = "network", description = "Degrees, paths, shared contacts, suggestions and finding people"),
        (name = "ticker", description = "The news of my network: posts, comments, likes, shares, settings, mutes"),
        (name = "notifications", description = "What I am told personally, in the app and by e-mail"),
        (name = "site", description = "The site's own pages: Impressum, privacy notice, terms of use"),
        (name = "admin", description = "For administrators"))
)]
pub struct ApiDoc;

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

pub async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
