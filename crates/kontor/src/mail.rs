//! Mail transports: real SMTP when configured, otherwise `.eml` files in the outbox
//! directory, so a newcomer can sign up without a mail server.

use crate::config::SmtpConfig;
use anyhow::{Context, bail};
use kontor_core::mail::{MailTransport, OutgoingMail};
use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::path::PathBuf;

/// Builds the MIME message: a text and an HTML part, and the one-click unsubscribe
/// headers of RFC 8058 where the mail has an unsubscribe address.
fn message(from: &str, mail: &OutgoingMail) -> Result<Message, String> {
    let from: Mailbox = from.parse().map_err(|e| format!("sender address {from:?}: {e}"))?;
    let to: Mailbox = mail.to.parse().map_err(|e| format!("recipient address: {e}"))?;
    let mut builder = Message::builder().from(from).to(to).subject(&mail.subject);
    if let Some(url) = &mail.unsubscribe {
        builder = builder
            .raw_header(HeaderValue::new(HeaderName::new_from_ascii_str("List-Unsubscribe"), format!("<{url}>")))
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                "List-Unsubscribe=One-Click".to_owned(),
            ));
    }
    builder
        .multipart(MultiPart::alternative_plain_html(mail.text.clone(), mail.html.clone()))
        .map_err(|e| format!("building the message: {e}"))
}

/// Writes each mail to `dir` as an `.eml` file and logs its first link.
pub struct Outbox {
    dir: PathBuf,
}

impl Outbox {
    pub fn new(dir: PathBuf) -> anyhow::Result<Self> {
        std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        Ok(Self { dir })
    }
}

#[async_trait::async_trait]
impl MailTransport for Outbox {
    async fn send(&self, from: &str, mail: &OutgoingMail) -> Result<(), String> {
        let bytes = message(from, mail)?.formatted();
        let name = format!("{}.eml", uuid::Uuid::now_v7().simple());
        let path = self.dir.join(name);
        tokio::fs::write(&path, bytes).await.map_err(|e| format!("writing {}: {e}", path.display()))?;
        let link = mail.text.split_whitespace().find(|w| w.starts_with("http://") || w.starts_with("https://"));
        tracing::info!(to = %mail.to, file = %path.display(), link = link.unwrap_or(""), "mail written to the outbox");
        Ok(())
    }
}

/// Sends over SMTP with lettre's pooled transport.
pub struct Smtp {
    transport: AsyncSmtpTransport<Tokio1Executor>,
}

impl Smtp {
    pub fn new(config: &SmtpConfig) -> anyhow::Result<Self> {
        let builder = match config.security.as_deref().unwrap_or("starttls") {
            "starttls" => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&config.host)?,
            "tls" => AsyncSmtpTransport::<Tokio1Executor>::relay(&config.host)?,
            "none" => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&config.host),
            other => {
                bail!("smtp.security must be \"starttls\", \"tls\" or \"none\", not {other:?}")
            }
        };
        let mut builder = builder;
        if let Some(port) = config.port {
            builder = builder.port(port);
        }
        if let (Some(user), Some(password)) = (&config.username, &config.password) {
            builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
        }
        Ok(Self { transport: builder.build() })
    }
}

#[async_trait::async_trait]
impl MailTransport for Smtp {
    async fn send(&self, from: &str, mail: &OutgoingMail) -> Result<(), String> {
        let message = message(from, mail)?;
        self.transport.send(message).await.map(|_| ()).map_err(|e| format!("SMTP: {e}"))
    }
}
