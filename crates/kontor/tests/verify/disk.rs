//! The disk-full rounds: the crash loop's client (`crash.rs`) writing while the
//! database's disk fills and gets room again.

use crate::app::PASSWORD;
use crate::client::{Client, Ledger};
use crate::crash::Dice;
use std::time::Duration;

/// The crash loop's client writing while the database's disk fills and gets room again,
/// `rounds` times, on a node in this process (the disk made full as in the fault tests:
/// SQLite's page limit, a failing commit on PostgreSQL): writes are refused with
/// `storage_full` while it is full, none acknowledged is lost, and once there is room
/// the next writes are all acknowledged, without a restart. Returns the summary line.
pub async fn disk_full_while_writing(app: &crate::app::TestApp, backend: &str, rounds: usize, seed: u64) -> String {
    app.admin().await;
    let bert = app.member("Bert Kraus", "bert@example.org").await;
    let bert_id = app.id_of(&bert).await;
    let http = reqwest::Client::builder().timeout(Duration::from_secs(20)).build().expect("a client");
    let anna = app.api_session("olga@example.org", PASSWORD).await;
    let bert = app.api_session("bert@example.org", PASSWORD).await;
    let database = if app.settings.database_url.starts_with("postgres") {
        app.settings.database_url.clone()
    } else {
        app.settings.data_dir.join("kontor.db").display().to_string()
    };
    let client = Client {
        database_dies: false,
        disk_may_fill: true,
        database,
        http,
        base: app.base.clone(),
        anna,
        bert,
        bert_id,
    };
    let mut ledger = Ledger { contacts: Some(false), ..Ledger::default() };
    let mut dice = Dice::new(seed);
    let mut lost = Vec::new();
    for round in 0..rounds {
        let mut writer_dice = Dice::new(seed ^ ((round as u64 + 1) * 0x9e37_79b9));
        let (before, full_for) = (dice.below(60), 50 + dice.below(250));
        let room_again = std::sync::atomic::AtomicBool::new(false);
        let filling = async {
            tokio::time::sleep(Duration::from_millis(before)).await;
            app.disk_full(true).await;
            tokio::time::sleep(Duration::from_millis(full_for)).await;
            app.disk_full(false).await;
            room_again.store(true, std::sync::atomic::Ordering::SeqCst);
        };
        let writing = client
            .write(round, &mut ledger, &mut writer_dice, |_| !room_again.load(std::sync::atomic::Ordering::SeqCst));
        // Posts beside, so that writes meet the full disk together (committed in groups).
        let mut beside = Ledger::default();
        let posting = client.post_beside(round, &mut beside, || !room_again.load(std::sync::atomic::Ordering::SeqCst));
        tokio::join!(writing, posting, filling);
        ledger.absorb(beside);
        let refused = ledger.refused;
        client.write(round + rounds, &mut ledger, &mut writer_dice, |i| i < 5).await;
        assert_eq!(ledger.refused, refused, "round {round}: writes refused once the disk had room again");
        lost.extend(client.check(&mut ledger).await.into_iter().map(|l| format!("round {round}: {l}")));
    }
    assert!(lost.is_empty(), "acknowledged writes lost:\n{}", lost.join("\n"));
    assert!(ledger.refused > 0, "the disk never filled while the client wrote");
    format!(
        "disk: {rounds} rounds of a full disk on {backend} while the crash loop's client writes, {} acknowledged writes, \
         {} refused with storage_full, 0 lost, writing resumed each time without a restart",
        ledger.acknowledged, ledger.refused
    )
}
