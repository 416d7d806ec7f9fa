//! The daily round, run once a day by whichever node's job worker takes it: birthday
//! notifications, then one digest job per member with notifications waiting for it.
//! Each run schedules the next, under an id made from its date, so however many nodes
//! start, the round is queued once.

use super::Notifications;
use super::{DigestMailJob, Effects, NewNotification, NotificationKind};
use crate::error::Result;
use crate::ids::{JobId, NotificationId, named_uuid};
use crate::jobs::{JobKind, NewJob};
use crate::privacy::{Relation, shown};
use crate::profiles::Field;
use time::{Date, OffsetDateTime, Time};

/// When the round runs, in UTC: early morning in Europe, before the working day.
pub const HOUR_UTC: u8 = 5;

/// The round's job for the first run after `now`.
pub fn next_round(now: OffsetDateTime) -> NewJob {
    let today = now.replace_time(Time::from_hms(HOUR_UTC, 0, 0).unwrap_or(Time::MIDNIGHT));
    let at = if today > now { today } else { today + time::Duration::days(1) };
    let id = JobId::from_uuid(named_uuid(&format!("daily {}", at.date())));
    NewJob { id, kind: JobKind::Daily, member: None, payload: serde_json::json!({}), run_at: at }
}

impl Notifications<'_> {
    /// Queues the round if it is not queued yet (at start-up and with the housekeeping).
    pub async fn schedule_daily(&self) -> Result<()> {
        self.k.store().enqueue_jobs(&[next_round(self.k.now())]).await?;
        Ok(())
    }

    /// Queues the next round first (so a round that fails still has a successor), then runs
    /// this one. Running a round twice does no harm: birthday notifications and their mails
    /// have ids made from the date, and a digest takes only what still waits for one.
    pub(crate) async fn run_daily(&self) -> Result<()> {
        self.k.store().enqueue_jobs(&[next_round(self.k.now())]).await?;
        let today = self.k.now().date();
        self.birthdays(today).await?;
        let up_to = self.k.store().notification_head().await?;
        let jobs: Vec<NewJob> = self
            .k
            .store()
            .digest_recipients(up_to)
            .await?
            .into_iter()
            .map(|member| {
                let payload = serde_json::to_value(DigestMailJob { member, up_to }).unwrap_or_default();
                let mut job = NewJob::now(JobKind::DigestMail, Some(member), payload, self.k.now());
                job.id = JobId::from_uuid(named_uuid(&format!("digest {} {today}", member.0)));
                job
            })
            .collect();
        self.k.store().enqueue_jobs(&jobs).await?;
        self.k.jobs_enqueued();
        Ok(())
    }

    /// Tells each contact of a member whose birthday it is, where the member lets the ticker
    /// say so and that contact may see the birthday. The ids are made from the date, so a
    /// round that runs again writes nothing twice.
    async fn birthdays(&self, today: Date) -> Result<()> {
        let store = self.k.store();
        for member in self.k.born_on(today) {
            let Some(card) = self.k.network().card_data(member).await?.filter(|c| c.account.is_open()) else {
                continue;
            };
            let mut effects = Effects::none();
            for contact in self.k.network().viewer(&card.account).await?.contacts() {
                let granted = card.granted_to(contact);
                if !shown(&card.profile.visibility, Field::Birthday, Relation::Degree(1), &granted) {
                    continue;
                }
                let kind = NotificationKind::Birthday;
                let mut notice: NewNotification = self.notice(contact, kind, Some(member), None).await?;
                notice.id =
                    NotificationId::from_uuid(named_uuid(&format!("birthday {} {} {today}", member.0, contact.0)));
                effects.notify(notice);
            }
            store.notify(&effects).await?;
            self.k.written().await?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn the_round_is_queued_once_a_day() {
        let early = next_round(datetime!(2026-11-22 03:00 UTC));
        let late = next_round(datetime!(2026-11-22 04:59 UTC));
        assert_eq!(early.id, late.id);
        assert_eq!(early.run_at, datetime!(2026-11-22 05:00 UTC));
        let after = next_round(datetime!(2026-11-22 05:00 UTC));
        assert_eq!(after.run_at, datetime!(2026-11-23 05:00 UTC));
        assert_ne!(after.id, early.id);
    }
}
