//! E-mail: what Kontor sends, written in the recipient's language with an HTML and a
//! text part. Sending goes through a [`MailTransport`] (SMTP or the outbox directory).

use crate::i18n::{Arg, Lang};
use crate::ids::MemberKey;
use crate::jobs::{JobKind, NewJob};
use async_trait::async_trait;
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use time::OffsetDateTime;

/// A mail ready for the transport.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutgoingMail {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// The one-click unsubscribe address (RFC 8058), for the List-Unsubscribe headers.
    pub unsubscribe: Option<String>,
}

#[async_trait]
pub trait MailTransport: Send + Sync {
    /// Hands the mail over; an error is retried by the job queue.
    async fn send(&self, from: &str, mail: &OutgoingMail) -> Result<(), String>;
}

/// What a mail says; rendered when the job runs, in the recipient's language.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Message {
    VerifyEmail { link: String },
    AlreadyRegistered { link: String },
    SignupAgain { link: String },
    PasswordReset { link: String },
    AccountApproved { link: String },
    DeletionScheduled { link: String },
    ConfirmEmailChange { link: String },
    EmailChanged { link: String },
    Invitation { link: String },
}

/// The payload of a mail job.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct MailJob {
    pub to: String,
    pub name: String,
    pub lang: Lang,
    pub message: Message,
}

impl MailJob {
    pub fn into_job(self, now: OffsetDateTime) -> NewJob {
        let payload = serde_json::to_value(&self).unwrap_or_default();
        NewJob::now(JobKind::SendMail, None, payload, now)
    }

    pub fn for_member(self, member: MemberKey, now: OffsetDateTime) -> NewJob {
        NewJob { member: Some(member), ..self.into_job(now) }
    }
}

/// Hands rendered mails to the transport.
pub struct Mailer {
    transport: Arc<dyn MailTransport>,
    from: String,
}

impl Mailer {
    pub fn new(transport: Arc<dyn MailTransport>, from: String) -> Self {
        Self { transport, from }
    }

    /// Sends `job`, signed with the site's name and legal pages as they are when the
    /// mail goes out.
    pub async fn send(&self, job: &MailJob, site_name: &str, legal: &[(String, String)]) -> Result<(), String> {
        self.deliver(&render(job, site_name, legal)).await
    }

    pub async fn deliver(&self, mail: &OutgoingMail) -> Result<(), String> {
        self.transport.send(&self.from, mail).await
    }
}

/// Writes the mail in the recipient's language; `legal` are the site's legal pages as
/// (title, address), linked in the footer.
pub fn render(job: &MailJob, site_name: &str, legal: &[(String, String)]) -> OutgoingMail {
    let (key, link) = match &job.message {
        Message::VerifyEmail { link } => ("mail-verify", link),
        Message::AlreadyRegistered { link } => ("mail-already-registered", link),
        Message::SignupAgain { link } => ("mail-signup-again", link),
        Message::PasswordReset { link } => ("mail-reset", link),
        Message::AccountApproved { link } => ("mail-approved", link),
        Message::DeletionScheduled { link } => ("mail-deletion", link),
        Message::ConfirmEmailChange { link } => ("mail-email-change", link),
        Message::EmailChanged { link } => ("mail-email-changed", link),
        Message::Invitation { link } => ("mail-invitation", link),
    };
    let lang = job.lang;
    let args = [("name", Arg::Str(&job.name)), ("site", Arg::Str(site_name))];
    let subject = lang.t_args(&format!("{key}-subject"), &args);
    let body = lang.t_args(&format!("{key}-body"), &args);
    let action = lang.t(&format!("{key}-action")).into_owned();
    let footer = lang.t_args("mail-footer", &args);
    Letter { lang, to: &job.to, subject, body, action, link, footer, legal, unsubscribe: None }.write()
}

/// A mail in Kontor's one layout: paragraphs, one button, a footer.
pub struct Letter<'a> {
    pub lang: Lang,
    pub to: &'a str,
    pub subject: String,
    /// Paragraphs, separated by blank lines.
    pub body: String,
    pub action: String,
    pub link: &'a str,
    pub footer: String,
    /// The site's legal pages (Impressum, privacy notice) as (title, address).
    pub legal: &'a [(String, String)],
    pub unsubscribe: Option<String>,
}

impl Letter<'_> {
    /// The text and HTML parts.
    pub fn write(self) -> OutgoingMail {
        let Self { lang, to, subject, body, action, link, footer, legal, unsubscribe } = self;
        let leave = unsubscribe.as_ref().map(|url| (lang.t("mail-unsubscribe"), url));
        let leave_text = leave.as_ref().map(|(label, url)| format!("\n{label}: {url}\n")).unwrap_or_default();
        let legal_text: String = legal.iter().map(|(title, url)| format!("{title}: {url}\n")).collect();
        let text = format!("{body}\n\n{action}:\n{link}\n\n-- \n{footer}\n{legal_text}{leave_text}");
        let legal_html = if legal.is_empty() {
            String::new()
        } else {
            let links: Vec<String> = legal
                .iter()
                .map(|(title, url)| format!("<a href=\"{}\" style=\"color:#666\">{}</a>", escape(url), escape(title)))
                .collect();
            format!("<p style=\"font-size:12px;color:#666\">{}</p>\n", links.join(" · "))
        };
        let paragraphs: String = body.split("\n\n").map(|p| format!("<p>{}</p>\n", escape(p))).collect();
        let leave_html = leave
            .map(|(label, url)| {
                format!(
                    "<p style=\"font-size:12px;color:#666\"><a href=\"{}\">{}</a></p>\n",
                    escape(url),
                    escape(&label)
                )
            })
            .unwrap_or_default();
        let html = format!(
            "<!doctype html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{title}</title></head>\n\
                 <body style=\"font-family:system-ui,sans-serif;line-height:1.5;color:#1b1f23\">\n{paragraphs}\
                 <p><a href=\"{href}\" style=\"display:inline-block;padding:8px 16px;background:#0b6e75;color:#fff;border-radius:6px;text-decoration:none\">{action}</a></p>\n\
                 <p style=\"font-size:13px;color:#555\">{href}</p>\n<hr><p style=\"font-size:12px;color:#666\">{footer}</p>\n{legal_html}{leave_html}</body></html>\n",
            lang = lang.code(),
            title = escape(&subject),
            href = escape(link),
            action = escape(&action),
            footer = escape(&footer),
        );
        OutgoingMail { to: to.to_owned(), subject, text, html, unsubscribe }
    }
}

/// Escapes text for HTML element content and quoted attributes.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
