//! Which limits there are and their defaults; `[limits]` in kontor.toml changes them.
//!
//! The defaults follow Mastodon's (log-in and reset attempts per address) and GitLab's
//! (failed log-ins per account) where those have one.

use serde::Deserialize;
use time::Duration;

/// The most pixels a photo may have unless the operator says otherwise: a profile photo
/// is shown at 512 pixels at most, and 16 megapixels takes any phone's photo (12 MP)
/// while the cost of decoding stays around a second.
pub const PHOTO_MEGAPIXELS: u32 = 16;

/// At most `max` per `window`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(try_from = "RateInFile")]
pub struct Rate {
    pub max: u32,
    pub window: Duration,
}

/// How kontor.toml writes a rate: `{ max = 25, minutes = 5 }`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RateInFile {
    max: u32,
    minutes: u32,
}

impl TryFrom<RateInFile> for Rate {
    type Error = &'static str;

    fn try_from(r: RateInFile) -> Result<Self, Self::Error> {
        if r.minutes == 0 {
            return Err("minutes must be at least 1");
        }
        Ok(Rate::per_minutes(r.max, r.minutes))
    }
}

impl Rate {
    pub const fn per_minutes(max: u32, minutes: u32) -> Self {
        Self { max, window: Duration::minutes(minutes as i64) }
    }
}

/// Each limit, named as in kontor.toml and in `/metrics`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Limit {
    /// Wrong passwords (or unknown addresses) from one IP address.
    LoginFailuresPerIp,
    /// Wrong passwords for one account, at log-in and wherever a password is asked again.
    LoginFailuresPerAccount,
    /// Wrong second-factor codes for one account.
    SecondFactorFailures,
    ResetsPerAddress,
    ResetsPerIp,
    SignupsPerIp,
    PhotoUploadsPerMember,
    /// Set by `[contact_requests] per_day`.
    ContactRequestsPerMember,
    /// Searches for people by one member (pages, API, suggestions while typing): against
    /// reading the network out by searching.
    SearchesPerMember,
    /// Searches by visitors who are not logged in, from one IP address.
    SearchesPerIp,
}

impl Limit {
    pub const ALL: [Limit; 10] = [
        Limit::LoginFailuresPerIp,
        Limit::LoginFailuresPerAccount,
        Limit::SecondFactorFailures,
        Limit::ResetsPerAddress,
        Limit::ResetsPerIp,
        Limit::SignupsPerIp,
        Limit::PhotoUploadsPerMember,
        Limit::ContactRequestsPerMember,
        Limit::SearchesPerMember,
        Limit::SearchesPerIp,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Limit::LoginFailuresPerIp => "login_failures_per_ip",
            Limit::LoginFailuresPerAccount => "login_failures_per_account",
            Limit::SecondFactorFailures => "second_factor_failures",
            Limit::ResetsPerAddress => "resets_per_address",
            Limit::ResetsPerIp => "resets_per_ip",
            Limit::SignupsPerIp => "signups_per_ip",
            Limit::PhotoUploadsPerMember => "photo_uploads_per_member",
            Limit::ContactRequestsPerMember => "contact_requests_per_member",
            Limit::SearchesPerMember => "searches_per_member",
            Limit::SearchesPerIp => "searches_per_ip",
        }
    }
}

/// `[limits]` in kontor.toml, each key optional.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Limits {
    pub login_failures_per_ip: Rate,
    pub login_failures_per_account: Rate,
    pub second_factor_failures: Rate,
    pub resets_per_address: Rate,
    pub resets_per_ip: Rate,
    pub signups_per_ip: Rate,
    pub photo_uploads_per_member: Rate,
    pub searches_per_member: Rate,
    pub searches_per_ip: Rate,
    /// The most pixels a profile photo may have, in millions.
    pub photo_megapixels: u32,
    /// Photos processed at once (0: one per two cores, at most two).
    pub image_workers: u32,
    /// Photos that may wait for a worker; more are answered 503 images_busy.
    pub image_queue: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            // Mastodon: 25 log-in attempts per IP in 5 minutes.
            login_failures_per_ip: Rate::per_minutes(25, 5),
            // GitLab: 10 failed attempts lock an account for 10 minutes.
            login_failures_per_account: Rate::per_minutes(10, 10),
            // Guessing a six-digit code must not be feasible.
            second_factor_failures: Rate::per_minutes(10, 15),
            // Mastodon: 5 reset mails per address in 30 minutes, 25 per IP in 5.
            resets_per_address: Rate::per_minutes(5, 30),
            resets_per_ip: Rate::per_minutes(25, 5),
            signups_per_ip: Rate::per_minutes(5, 30),
            // Mastodon: 30 media uploads in 30 minutes.
            photo_uploads_per_member: Rate::per_minutes(30, 60),
            // One a second on average, with room for typing in the search box (each
            // pause while typing asks once).
            searches_per_member: Rate::per_minutes(300, 5),
            // Visitors read only public profiles, and have no reason to read many.
            searches_per_ip: Rate::per_minutes(30, 5),
            photo_megapixels: PHOTO_MEGAPIXELS,
            image_workers: 0,
            image_queue: 4,
        }
    }
}

impl Limits {
    /// The rate of `limit`; contact requests come from their own section.
    pub fn rate(&self, limit: Limit, contact_requests_per_day: u32) -> Rate {
        match limit {
            Limit::LoginFailuresPerIp => self.login_failures_per_ip,
            Limit::LoginFailuresPerAccount => self.login_failures_per_account,
            Limit::SecondFactorFailures => self.second_factor_failures,
            Limit::ResetsPerAddress => self.resets_per_address,
            Limit::ResetsPerIp => self.resets_per_ip,
            Limit::SignupsPerIp => self.signups_per_ip,
            Limit::PhotoUploadsPerMember => self.photo_uploads_per_member,
            Limit::SearchesPerMember => self.searches_per_member,
            Limit::SearchesPerIp => self.searches_per_ip,
            Limit::ContactRequestsPerMember => Rate { max: contact_requests_per_day, window: Duration::days(1) },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_may_change_one_limit_and_keeps_the_others() {
        let limits: Limits = toml::from_str("resets_per_ip = { max = 3, minutes = 60 }").unwrap();
        assert_eq!(limits.resets_per_ip, Rate { max: 3, window: Duration::hours(1) });
        assert_eq!(limits.login_failures_per_ip, Limits::default().login_failures_per_ip);
        assert!(toml::from_str::<Limits>("resets_per_ip = { max = 3, minutes = 0 }").is_err());
        assert!(toml::from_str::<Limits>("logins = { max = 3, minutes = 1 }").is_err());
    }
}
