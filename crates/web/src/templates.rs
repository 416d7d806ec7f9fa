//! The page templates and what every page shows around its content.

mod network;
pub use network::*;

use crate::ctx::{Ctx, Tr};
use crate::security::CsrfToken;
use askama::Template;
use axum::http::StatusCode;
use kontor_core::Error;
use kontor_core::FieldError;
use kontor_core::i18n::Lang;
use kontor_core::privacy::Visibility;
use kontor_core::profiles::{Field, Position, ProfileForm, ProfileView, Schooling};
use kontor_core::secrets::RawToken;

/// The signed-in member, as the top bar shows them.
pub struct Me {
    pub id: String,
    pub name: String,
    pub initials: String,
    /// The colour of the avatar without a photo.
    pub hue: u32,
    pub admin: bool,
    /// The photo's version, if the member has one.
    pub photo: Option<String>,
}

/// What surrounds every page: site name, language, the member's menu, the CSRF token.
pub struct Chrome {
    pub tr: Tr,
    pub site_name: String,
    pub demo: bool,
    pub csrf: CsrfToken,
    pub me: Option<Me>,
    pub nav: &'static str,
    pub pending_requests: u64,
    pub unread_notifications: u64,
    /// The legal pages the footer links to.
    pub legal: Vec<&'static str>,
}

impl Chrome {
    pub fn new(ctx: &Ctx, nav: &'static str) -> Self {
        Self {
            tr: ctx.tr,
            site_name: ctx.site.name.clone(),
            demo: ctx.site.demo,
            csrf: ctx.csrf.clone(),
            me: ctx.member.as_ref().map(|m| Me {
                id: m.account.id.to_string(),
                name: m.account.name.as_str().to_owned(),
                initials: m.account.name.initials().to_string(),
                hue: m.account.name.initials().hue(),
                admin: m.account.is_admin(),
                photo: ctx.photo.clone(),
            }),
            nav,
            pending_requests: ctx.pending_requests,
            unread_notifications: ctx.unread_notifications,
            legal: ctx.site.legal.kinds().into_iter().map(|k| k.as_str()).collect(),
        }
    }

    /// For error pages, which are rendered without the request at hand.
    fn bare(lang: Lang) -> Self {
        Self {
            tr: Tr(lang),
            site_name: "Kontor".into(),
            demo: false,
            csrf: CsrfToken::default(),
            me: None,
            nav: "",
            pending_requests: 0,
            unread_notifications: 0,
            legal: Vec::new(),
        }
    }
}

/// The field errors of a submitted form.
#[derive(Default)]
pub struct FormState {
    pub errors: Vec<FieldError>,
}

impl FormState {
    pub fn from_error(error: &Error) -> Option<Self> {
        match error {
            Error::Invalid(errors) => Some(Self { errors: errors.clone() }),
            // Shown at the form that asks for the password again.
            Error::ReauthenticationRequired => {
                Some(Self { errors: vec![FieldError::new("reauth", "reauthentication_required")] })
            }
            _ => None,
        }
    }

    pub fn has(&self, field: &str) -> bool {
        self.errors.iter().any(|e| e.field == field)
    }

    pub fn message(&self, tr: &Tr, field: &str) -> std::borrow::Cow<'static, str> {
        self.errors.iter().find(|e| e.field == field).map(|e| tr.key(&self.error_key(e.code))).unwrap_or_default()
    }

    pub fn field_key(&self, field: &str) -> String {
        format!("field-{field}")
    }

    pub fn error_key(&self, code: &str) -> String {
        format!("error-{code}")
    }
}

#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    pub c: Chrome,
    pub title_key: String,
    pub message: String,
}

impl ErrorPage {
    pub fn new(lang: Lang, status: StatusCode, error: &Error) -> Self {
        Self {
            c: Chrome::bare(lang),
            title_key: format!("error-title-{}", status.as_u16()),
            message: crate::error::message(lang, error),
        }
    }

    /// The same page within the site: its name, the member's header.
    pub fn within(ctx: &crate::ctx::Ctx, failure: &crate::error_pages::Failure) -> Self {
        Self {
            c: Chrome::new(ctx, ""),
            title_key: format!("error-title-{}", failure.status.as_u16()),
            message: crate::error::message(ctx.lang(), &failure.error),
        }
    }
}

#[derive(Template)]
#[template(path = "landing.html")]
pub struct LandingPage {
    pub c: Chrome,
    pub members: i64,
    /// Visitors may search for people with a public profile.
    pub public_search: bool,
}

#[derive(Template)]
#[template(path = "signup.html")]
pub struct SignupPage {
    pub c: Chrome,
    pub f: FormState,
    pub name: String,
    pub email: String,
    pub closed: bool,
    pub approval: bool,
    /// The site has terms of use, which sign-up asks to accept.
    pub terms: bool,
}

#[derive(Template)]
#[template(path = "legal.html")]
pub struct LegalPageView {
    pub c: Chrome,
    pub kind: &'static str,
    /// The operator wrote the page only in the other language.
    pub other_language: bool,
    pub text_lang: &'static str,
    /// Sanitised by the legal domain.
    pub html: String,
    pub updated: crate::ctx::DateText,
}

#[derive(Template)]
#[template(path = "legal_edit.html")]
pub struct LegalEditPage {
    pub c: Chrome,
    pub f: FormState,
    pub kind: &'static str,
    pub text_lang: &'static str,
    pub markdown: String,
    pub saved: bool,
    /// The text is the generated privacy template, not yet saved.
    pub template: bool,
    pub max: usize,
}

#[derive(Template)]
#[template(path = "notice.html")]
pub struct NoticePage {
    pub c: Chrome,
    pub title: &'static str,
    pub body: &'static str,
    pub action: Option<(&'static str, &'static str)>,
}

#[derive(Template)]
#[template(path = "confirm.html")]
pub struct ConfirmPage {
    pub c: Chrome,
    pub title: &'static str,
    pub body: &'static str,
    pub action: String,
    pub button: &'static str,
    /// Where to go once it is done (empty: the handler's own choice).
    pub next: String,
}

#[derive(Template)]
#[template(path = "login.html")]
pub struct LoginPage {
    pub c: Chrome,
    pub email: String,
    /// What went wrong, in the member's language.
    pub problem: Option<String>,
    pub notice: Option<&'static str>,
}

#[derive(Template)]
#[template(path = "reset_request.html")]
pub struct ResetRequestPage {
    pub c: Chrome,
}

/// Choosing a password from a link: a reset, or accepting an invitation.
#[derive(Template)]
#[template(path = "set_password.html")]
pub struct SetPasswordPage {
    pub c: Chrome,
    pub f: FormState,
    pub title: &'static str,
    pub intro: Option<&'static str>,
    pub action: String,
    pub button: &'static str,
    /// Joining: the site's terms of use are to be accepted.
    pub terms: bool,
}

impl SetPasswordPage {
    pub fn reset(c: Chrome, f: FormState, token: &RawToken) -> Self {
        let action = format!("/reset/{}", token.expose());
        Self { c, f, title: "reset-new-title", intro: None, action, button: "reset-save", terms: false }
    }

    /// A verification link opened in another browser than the one that signed up.
    pub fn verification(c: Chrome, f: FormState, token: &RawToken) -> Self {
        let action = format!("/verify/{}", token.expose());
        let intro = Some("verify-choose-intro");
        Self { c, f, title: "verify-choose-title", intro, action, button: "verify-choose-save", terms: false }
    }

    pub fn invitation(c: Chrome, f: FormState, token: &RawToken, terms: bool) -> Self {
        let action = format!("/invite/{}", token.expose());
        Self { c, f, title: "invite-title", intro: Some("invite-intro"), action, button: "invite-save", terms }
    }
}

/// A ticker page's items, rendered on their own: most of the home page, and kept with
/// the page (see [`kontor_core::ticker::Rendered`]).
#[derive(Template)]
#[template(path = "ticker_items.html")]
pub struct TickerItems<'a> {
    pub c: &'a Chrome,
    pub items: &'a [kontor_core::ticker::TickerItem],
}

#[derive(Template)]
#[template(path = "matches.html")]
pub struct MatchesPage {
    pub c: Chrome,
    pub way: Way,
    /// None while the member names nothing to meet (wants, or haves).
    pub found: Option<Vec<kontor_core::search::Match>>,
}

/// One way wants and haves meet, as pages say it.
pub struct Way {
    /// `they_offer` or `they_seek`.
    pub name: &'static str,
    /// The line under each member: "Offers …" or "Seeks …".
    pub tags: &'static str,
    /// What an empty list says.
    pub none: &'static str,
    /// What is said to a member who names nothing to meet, and the field to name it in.
    pub name_some: &'static str,
    pub field: &'static str,
}

impl Way {
    pub fn of(meeting: kontor_core::search::Meeting) -> Self {
        use kontor_core::search::Meeting;
        match meeting {
            Meeting::TheyOffer => Way {
                name: meeting.as_str(),
                tags: "offers-tags",
                none: "offers-none",
                name_some: "offers-add-wants",
                field: "wants",
            },
            Meeting::TheySeek => Way {
                name: meeting.as_str(),
                tags: "seekers-tags",
                none: "seekers-none",
                name_some: "seekers-add-haves",
                field: "haves",
            },
        }
    }
}

#[derive(Template)]
#[template(path = "home.html")]
pub struct HomePage {
    pub c: Chrome,
    pub me: kontor_core::network::MemberCard,
    pub photo: Option<String>,
    pub completeness: i64,
    /// Members at the 1st, 2nd and 3rd degree.
    pub counts: [u64; 3],
    pub suggestions: Vec<kontor_core::network::Suggested>,
    /// Who offers what the member looks for (none while they look for nothing).
    pub offers: Option<Vec<kontor_core::search::Match>>,
    pub ticker: std::sync::Arc<kontor_core::changelog::Remembered<kontor_core::ticker::TickerPage>>,
    /// The ticker's items, as HTML.
    pub items: std::sync::Arc<str>,
    /// The reader's filter, by name.
    pub filter: &'static str,
    /// The member shows their name to members only: a public post reaches visitors
    /// without it, and the composer says so.
    pub name_members_only: bool,
}

#[derive(Template)]
#[template(path = "post.html")]
pub struct PostPage {
    pub c: Chrome,
    pub t: kontor_core::ticker::PostThread,
    /// The author, or an administrator (a reported post).
    pub can_delete: bool,
    /// An administrator, who may remove any comment too.
    pub admin: bool,
}

#[derive(Template)]
#[template(path = "ticker_settings.html")]
pub struct TickerSettingsPage {
    pub c: Chrome,
    pub s: kontor_core::ticker::TickerSettings,
    pub muted: Vec<kontor_core::network::MemberCard>,
    pub saved: bool,
}

#[derive(Template)]
#[template(path = "notifications.html")]
pub struct NotificationsPage {
    pub c: Chrome,
    pub page: kontor_core::notifications::NotificationPage,
}

#[derive(Template)]
#[template(path = "notification_settings.html")]
pub struct NotificationSettingsPage {
    pub c: Chrome,
    pub settings: Vec<kontor_core::notifications::MailSetting>,
    pub saved: bool,
}

#[derive(Template)]
#[template(path = "unsubscribe.html")]
pub struct UnsubscribePage {
    pub c: Chrome,
    pub token: String,
    /// What the link turns off: a kind's name, or "digest".
    pub what: &'static str,
    pub done: bool,
}

impl HomePage {
    /// The bar widths of the network chart, in percent of the largest degree (at least a
    /// sliver, so an empty degree still shows its baseline).
    pub fn bars(&self) -> Vec<(usize, u64, u64)> {
        let max = self.counts.iter().copied().max().unwrap_or(0).max(1);
        self.counts.iter().enumerate().map(|(i, &n)| (i + 1, n, (n * 100 / max).max(1))).collect()
    }
}

#[derive(Template)]
#[template(path = "profile.html")]
pub struct ProfilePage {
    pub c: Chrome,
    pub v: ProfileView,
    pub own: bool,
    /// The audience of a "view my profile as" preview.
    pub preview: Option<&'static str>,
    /// Degree, paths, shared contacts and actions, for a signed-in viewer.
    pub tie: Option<TieView>,
}

#[derive(Template)]
#[template(path = "profile_edit.html")]
pub struct ProfileEditPage {
    pub c: Chrome,
    pub f: FormState,
    pub form: ProfileForm,
    pub me_id: String,
    pub saved: bool,
    pub work_rows: Vec<Position>,
    pub education_rows: Vec<Schooling>,
    pub link_rows: Vec<String>,
    /// The version of the current photo, if there is one.
    pub photo: Option<String>,
}

pub struct VisOption {
    pub value: &'static str,
    pub label: String,
    pub selected: bool,
}

impl ProfileEditPage {
    pub fn new(c: Chrome, f: FormState, form: ProfileForm, me_id: String, saved: bool) -> Self {
        let mut work_rows = form.work_history.clone();
        work_rows.extend([Position::default(), Position::default()]);
        let mut education_rows = form.education.clone();
        education_rows.extend([Schooling::default(), Schooling::default()]);
        let mut link_rows = form.links.clone();
        link_rows.push(String::new());
        Self { c, f, form, me_id, saved, work_rows, education_rows, link_rows, photo: None }
    }

    pub fn with_photo(self, photo: Option<String>) -> Self {
        Self { photo, ..self }
    }

    /// The choices of who sees `field`, the current one selected. A name is always
    /// visible to members, so it offers only "members" and "public".
    pub fn vis(&self, field: &str) -> Vec<VisOption> {
        let Some(field) = Field::parse(field) else {
            return Vec::new();
        };
        let current = self.form.visibility.get(&field).copied().unwrap_or(field.default_visibility());
        Visibility::ALL
            .into_iter()
            .filter(|v| field != Field::Name || *v >= Visibility::Members)
            .map(|v| VisOption {
                value: v.as_str(),
                label: format!("visibility-{}", v.as_str()),
                selected: v == current,
            })
            .collect()
    }
}

pub struct TokenRow {
    pub id: String,
    pub name: String,
    /// Its scopes, as the page names them.
    pub scopes: String,
    pub used: String,
}

pub struct SessionRow {
    pub id: String,
    pub device: String,
    pub seen: String,
    pub current: bool,
}

#[derive(Template)]
#[template(path = "settings.html")]
pub struct SettingsPage {
    pub c: Chrome,
    pub two_factor: bool,
    pub tokens: Vec<TokenRow>,
    /// A token just created, shown this once.
    pub new_token: Option<String>,
    pub f: FormState,
    pub notice: Option<&'static str>,
    pub email: String,
    pub sessions: Vec<SessionRow>,
    /// Until when (a time of day) this session may change credentials without being
    /// asked for the password again; none: it must confirm first.
    pub confirmed_until: Option<String>,
    /// What a change of credentials just ended, one line each.
    pub ended: Vec<String>,
}

pub struct ParkedJobRow {
    pub id: String,
    pub kind: &'static str,
    pub attempts: u32,
    pub error: String,
    pub since: String,
}

pub struct AdminMemberRow {
    pub id: String,
    pub name: String,
    pub initials: String,
    pub hue: u32,
    pub email: String,
    pub state: &'static str,
    pub admin: bool,
    pub actions: Vec<&'static str>,
}

#[derive(Template)]
#[template(path = "admin.html")]
pub struct AdminPage {
    pub c: Chrome,
    pub reports: Vec<kontor_core::ticker::ReportedPost>,
    pub parked: Vec<ParkedJobRow>,
    pub f: FormState,
    pub notice: Option<&'static str>,
    pub site_name: String,
    /// No real sender is configured: mail comes from a reserved domain.
    pub sender_missing: bool,
    pub modes: Vec<(&'static str, bool)>,
    pub two_factor_rules: Vec<(&'static str, bool)>,
    /// The site's language.
    pub site_lang: &'static str,
    pub public_search: bool,
    /// Each legal page with the languages it is written in (code, written).
    pub legal: Vec<(&'static str, Vec<(&'static str, bool)>)>,
    /// The pages German law requires that are missing in both languages.
    pub legal_missing: Vec<&'static str>,
    pub filter: String,
    pub members: Vec<AdminMemberRow>,
    pub next: Option<String>,
}

impl AdminPage {
    pub fn mode_key(&self, mode: &str) -> String {
        format!("signup-mode-{mode}")
    }

    pub fn two_factor_rule_key(&self, rule: &str) -> String {
        format!("two-factor-rule-{rule}")
    }

    pub fn state_key(&self, state: &str) -> String {
        format!("state-{state}")
    }

    pub fn action_key(&self, action: &str) -> String {
        format!("admin-action-{action}")
    }
}

#[derive(Template)]
#[template(path = "login_code.html")]
pub struct LoginCodePage {
    pub c: Chrome,
    pub f: FormState,
}

#[derive(Template)]
#[template(path = "two_factor_setup.html")]
pub struct TwoFactorSetupPage {
    pub c: Chrome,
    pub f: FormState,
    pub secret: String,
    pub qr: String,
    /// The site requires it before the member may go on.
    pub owed: bool,
}

#[derive(Template)]
#[template(path = "recovery_codes.html")]
pub struct RecoveryCodesPage {
    pub c: Chrome,
    pub codes: Vec<String>,
    /// The sessions and tokens that turning two-factor log-in on ended.
    pub ended: Vec<String>,
}
