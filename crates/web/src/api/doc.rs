//! The OpenAPI 3 document of the API, generated from the handlers' annotations.

use super::{admin, auth, contacts, me, network, notifications, profiles, ticker};
use crate::error::{ApiErrorBody, ApiFieldError};
use axum::Json;
use kontor_core::accounts::{AccessToken, Account, AccountState, DisplayName, Email, Role, Session};
use kontor_core::admin::{SignupMode, SiteSettings};
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
        admin::members, admin::act, admin::settings, admin::invite, admin::parked_jobs, admin::retry_job,
        contacts::list, contacts::tags, contacts::edit, contacts::remove, contacts::vcards, contacts::vcard,
        contacts::request, contacts::received, contacts::sent, contacts::accept, contacts::decline, contacts::withdraw,
        contacts::blocks, contacts::block, contacts::unblock, contacts::settings, contacts::set_settings,
        network::tie, network::size, network::suggestions, network::dismiss, network::people,
        ticker::ticker, ticker::create, ticker::show, ticker::edit, ticker::delete, ticker::comment, ticker::like,
        ticker::unlike, ticker::share, ticker::report, ticker::settings, ticker::set_settings, ticker::mutes,
        ticker::mute, ticker::unmute,
        notifications::list, notifications::unread, notifications::mark_read, notifications::settings,
        notifications::set_settings),
    components(schemas(Account, AccountState, Role, Email, DisplayName, MemberId, Lang, ProfileView, Profile, ProfileForm,
        Position, Schooling, Field, Visibility, Visibilities, ApiErrorBody, ApiFieldError,
        auth::SignupRequest, auth::SignupAccepted, auth::VerifyRequest, auth::LoginRequest, auth::LoginResponse, auth::ResetRequest, auth::NewPassword,
        me::PasswordChange, me::LanguageChange, me::NewAccessToken, me::CreatedAccessToken, me::AccountDeletion, me::TwoFactorSetupResponse,
        me::TwoFactorConfirm, me::RecoveryCodes, me::TwoFactorOff, me::Reauthentication, me::EndedElsewhere,
        kontor_core::accounts::Scope,
        admin::MemberPage, admin::SettingsChange, admin::Invitation, Session, AccessToken, SiteSettings, SignupMode, Suggestion,
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
    modifiers(&BearerAuth),
    tags((name = "accounts", description = "Sign-up, log-in, sessions"),
        (name = "account", description = "The signed-in member's own account"),
        (name = "profiles", description = "Profiles, each field with its own visibility"),
        (name = "contacts", description = "Contacts, requests, blocks and the address book"),
        (name = "network", description = "Degrees, paths, shared contacts, suggestions and finding people"),
        (name = "ticker", description = "The news of my network: posts, comments, likes, shares, settings, mutes"),
        (name = "notifications", description = "What I am told personally, in the app and by e-mail"),
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

pub async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
