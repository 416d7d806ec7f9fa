//! The ticker's remembered first pages over HTTP: a page read again shows every change
//! since, and an unchanged page is served from memory.

use crate::app::{Answered, texts};
use crate::contacts::{Member, connect};
use crate::on_both;
use crate::ticker::{items, post_id, posts, write_post};

on_both!(
    a_page_read_again_shows_every_change_since,
    an_unchanged_page_is_served_from_memory_and_only_its_own_news_makes_it_stale,
);

/// A member's first page is remembered between visits: each kind of change since must
/// show on the next one (counts, cards, new posts, mutes, deletions, contacts, blocks).
async fn a_page_read_again_shows_every_change_since(app: crate::app::TestApp) {
    let anna = Member::join(&app, "Anna Berg").await;
    let bert = Member::join(&app, "Bert Kraus").await;
    connect(&app, &anna, &bert).await;
    bert.browser.post_form("/posts", &[("text", "Erster Beitrag"), ("audience", "contacts")]).await.see_other();
    let (first, n) = items(&anna, "all").await;
    let (again, m) = items(&anna, "all").await;
    assert_eq!(n, m, "read again, as many items");
    assert_eq!(posts(&first), ["Erster Beitrag"]);
    assert_eq!(posts(&again), ["Erster Beitrag"], "read again, the same post");
    let post = post_id(&again);

    anna.browser.post_form(&format!("/posts/{post}/like"), &[]).await.see_other();
    let counts = texts(&items(&anna, "all").await.0, ".post-counts");
    assert_eq!(counts, ["1 like · 0 comments"], "a like counts at once");
    let r = bert.browser.post_form("/profile/edit", &[("name", "Bert Kraus"), ("headline", "Leiter Vertrieb")]).await;
    assert!(r.status().is_redirection() || r.status().is_success(), "{}", r.status());
    let cards = texts(&items(&anna, "all").await.0, "article.post .who .headline");
    assert_eq!(cards, ["Leiter Vertrieb"], "a card shows as it is now");
    bert.browser.post_form("/posts", &[("text", "Zweiter Beitrag"), ("audience", "contacts")]).await.see_other();
    assert_eq!(
        posts(&items(&anna, "all").await.0),
        ["Zweiter Beitrag", "Erster Beitrag"],
        "a new post is there at once"
    );

    anna.browser.post_form(&format!("/members/{}/ticker/mute", bert.id), &[]).await.see_other();
    let shown = posts(&items(&anna, "all").await.0);
    assert_eq!(shown, ["Erster Beitrag"], "a mute hides at once: only the post Anna liked herself stays");
    anna.browser.post_form(&format!("/members/{}/ticker/unmute", bert.id), &[]).await.see_other();
    assert_eq!(posts(&items(&anna, "all").await.0), ["Zweiter Beitrag", "Erster Beitrag"], "and unmuting shows again");

    bert.browser.post_form(&format!("/posts/{post}/delete"), &[]).await.see_other();
    let (html, _) = items(&anna, "all").await;
    assert_eq!(posts(&html), ["Zweiter Beitrag"], "a deleted post is gone");

    anna.browser.post_form(&format!("/members/{}/remove", bert.id), &[]).await.see_other();
    assert!(posts(&items(&anna, "all").await.0).is_empty(), "a removed contact's news is gone");
    connect(&app, &anna, &bert).await;
    assert_eq!(posts(&items(&anna, "all").await.0), ["Zweiter Beitrag"], "and is back with the contact");
    bert.browser.post_form(&format!("/members/{}/block", anna.id), &[]).await.see_other();
    let (html, _) = items(&anna, "all").await;
    assert!(!html.contains("Zweiter Beitrag") && !html.contains("Bert Kraus"), "a block hides everything of Bert");
}

/// How often the remembered first pages were served from memory and made anew.
async fn first_pages(app: &crate::app::TestApp) -> (u64, u64) {
    app.cache_counts("first_pages").await
}

async fn an_unchanged_page_is_served_from_memory_and_only_its_own_news_makes_it_stale(app: crate::app::TestApp) {
    let anna = Member::join(&app, "Anna Berg").await;
    let bert = Member::join(&app, "Bert Kraus").await;
    let carl = Member::join(&app, "Carl Lenz").await;
    connect(&app, &anna, &bert).await;
    assert!(write_post(&bert, "Erster Beitrag").await.is_redirection());
    let first = items(&anna, "all").await.0;
    let before = first_pages(&app).await;
    let again = items(&anna, "all").await.0;
    let after = first_pages(&app).await;
    assert_eq!(after, (before.0 + 1, before.1), "the unchanged page came from memory");
    assert_eq!(texts(&first, "li.ticker-item"), texts(&again, "li.ticker-item"), "and is the same page");

    // Carl is nobody Anna follows: his post leaves her page as it was. (Writing loads a
    // page of the writer's first, so the counts are taken after each write.)
    assert!(write_post(&carl, "Fremder Beitrag").await.is_redirection());
    let mark = first_pages(&app).await;
    let (html, _) = items(&anna, "all").await;
    assert_eq!(first_pages(&app).await, (mark.0 + 1, mark.1), "someone else's news spoils nothing");
    assert!(!html.contains("Fremder Beitrag"));

    // Bert's post is news to her: the page is made again, with it.
    assert!(write_post(&bert, "Zweiter Beitrag").await.is_redirection());
    let mark = first_pages(&app).await;
    let (html, _) = items(&anna, "all").await;
    assert_eq!(first_pages(&app).await, (mark.0, mark.1 + 1), "her contact's post makes it anew");
    assert!(texts(&html, "li.ticker-item").iter().any(|t| t.contains("Zweiter Beitrag")), "with the post");
}
