//! The ticker over HTTP: posts, comments, likes and shares on the pages, new contacts
//! and profile changes as the writers' settings allow, mutes, and audiences.

use crate::contacts::{Member, connect};
use crate::on_both;
use reqwest::StatusCode;

on_both!(
    a_post_reaches_contacts_and_is_talked_about,
    new_contacts_are_told_only_as_each_side_allows,
    a_reported_post_reaches_the_admins_who_can_remove_it,
    public_posts_are_read_without_logging_in,
    a_page_read_again_shows_every_change_since,
);

/// The ids of the items on a member's home page, in order.
async fn items(app: &crate::app::TestApp, who: &Member, filter: &str) -> (String, usize) {
    let (status, html) = who.browser.page(&format!("/home?filter={filter}")).await;
    assert_eq!(status, StatusCode::OK);
    let _ = app;
    let n = html.matches("class=\"card ticker-item\"").count();
    (html, n)
}

fn post_id(html: &str) -> String {
    let at = html.find("data-post=\"").expect("a post on the page") + "data-post=\"".len();
    html[at..at + 32].to_owned()
}

async fn a_post_reaches_contacts_and_is_talked_about(app: crate::app::TestApp) {
    let anna = Member::join(&app, "Anna Berg").await;
    let bert = Member::join(&app, "Bert Kraus").await;
    let carl = Member::join(&app, "Carl Lange").await;
    connect(&app, &anna, &bert).await;
    connect(&app, &bert, &carl).await;

    // Anna posts for her contacts, with a link and a mention of Bert.
    let r = anna
        .browser
        .post_form(
            "/posts",
            &[("text", "Neues Projekt mit @Bert Kraus: https://example.org/projekt."), ("audience", "contacts")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (html, _) = items(&app, &bert, "posts").await;
    assert!(html.contains("Neues Projekt mit"), "Bert sees Anna's post");
    assert!(html.contains("href=\"https://example.org/projekt\""), "the link is a link");
    assert!(html.contains(&format!("class=\"mention\" href=\"/members/{}\"", bert.id)), "the mention links Bert");
    assert!(html.contains("Because you and") && html.contains("are contacts."), "the item says why");
    let post = post_id(&html);
    let (html, _) = items(&app, &carl, "all").await;
    assert!(!html.contains("Neues Projekt"), "Carl is no contact of Anna's");
    let (status, _) = carl.browser.page(&format!("/posts/{post}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "nor may he open the post");

    // Bert likes, comments and shares it; Carl, his contact, sees neither the share nor
    // "Bert commented", since he may not see the post.
    for (action, fields) in [
        ("like", vec![]),
        ("comment", vec![("text", "Gratuliere!")]),
        ("share", vec![("text", "Lesenswert"), ("audience", "members")]),
    ] {
        let r = bert.browser.post_form(&format!("/posts/{post}/{action}"), &fields).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{action}");
    }
    let (html, _) = items(&app, &carl, "all").await;
    assert!(!html.contains("Lesenswert") && !html.contains(&post), "nothing of the post reaches Carl");
    let (_, page) = anna.browser.page(&format!("/posts/{post}")).await;
    assert!(page.contains("Gratuliere!") && page.contains("1 comment"), "Anna sees the comment");
    assert!(page.contains("1 like"), "and the like");
    let (html, n) = items(&app, &anna, "conversations").await;
    assert!(n >= 2 && html.contains("commented on a post"), "Anna's ticker has Bert's comment and like");

    // Anna mutes Bert: his items leave her ticker; her own post stays.
    let r = anna.browser.post_form(&format!("/members/{}/ticker/mute", bert.id), &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (html, _) = items(&app, &anna, "all").await;
    assert!(!html.contains("commented on a post") && html.contains("Neues Projekt"));

    // A post for contacts of contacts reaches Carl through a share of Bert's.
    anna.browser.post_form("/posts", &[("text", "Offen für das Netzwerk"), ("audience", "contacts_of_contacts")]).await;
    let (html, _) = items(&app, &bert, "posts").await;
    let wide = post_id(&html);
    bert.browser.post_form(&format!("/posts/{wide}/share"), &[("text", ""), ("audience", "members")]).await;
    let (html, _) = items(&app, &carl, "all").await;
    assert!(html.contains("Offen für das Netzwerk"), "Carl sees the share of a post he may see");

    // Anna deletes her first post: it and everything on it are gone.
    let r = anna.browser.post_form(&format!("/posts/{post}/delete"), &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (html, _) = items(&app, &bert, "all").await;
    assert!(!html.contains("Neues Projekt") && !html.contains("Lesenswert"));
}

async fn new_contacts_are_told_only_as_each_side_allows(app: crate::app::TestApp) {
    let anna = Member::join(&app, "Anna Berg").await;
    let bert = Member::join(&app, "Bert Kraus").await;
    let carl = Member::join(&app, "Carl Lange").await;
    let dora = Member::join(&app, "Dora Meier").await;
    connect(&app, &anna, &carl).await;
    connect(&app, &bert, &dora).await;
    // Carl and Dora may see their contacts' lists (the network rule must reveal the
    // new contact to them, too).
    anna.list_visible_to(&app, "members").await;
    bert.list_visible_to(&app, "members").await;
    // Bert says "nobody" for his new contacts; Anna keeps the default.
    bert.browser.post_form("/settings/ticker", &[("profile_reach", "contacts")]).await;
    connect(&app, &anna, &bert).await;
    let (html, _) = items(&app, &carl, "contacts").await;
    assert!(html.contains("is now connected with") && html.contains(&bert.id), "Carl hears of Anna's new contact");
    let (html, n) = items(&app, &dora, "contacts").await;
    assert_eq!(n, 0, "Dora hears nothing of Bert's: {html}");

    // Anna narrows her setting: the old item goes from Carl's ticker at once.
    anna.browser.post_form("/settings/ticker", &[("profile_reach", "contacts")]).await;
    let (_, n) = items(&app, &carl, "contacts").await;
    assert_eq!(n, 0, "a narrower setting hides what was shown");
    // Widening again brings it back only for what happens from now on: Bert's old
    // contact stays untold when he allows it later.
    bert.browser.post_form("/settings/ticker", &[("announce_contacts", "1"), ("profile_reach", "contacts")]).await;
    let (_, n) = items(&app, &dora, "contacts").await;
    assert_eq!(n, 0, "a wider setting never announces old contacts");

    // A profile change reaches contacts with the value as it is now.
    let (_, n) = items(&app, &carl, "profiles").await;
    assert_eq!(n, 0);
    let r = anna.browser.post_form("/profile/edit", &[("name", "Anna Berg"), ("headline", "Leiterin Einkauf")]).await;
    assert!(r.status().is_redirection() || r.status().is_success(), "{}", r.status());
    let (html, n) = items(&app, &carl, "profiles").await;
    assert_eq!(n, 1, "{html}");
    assert!(html.contains("Leiterin Einkauf"));
}

async fn a_reported_post_reaches_the_admins_who_can_remove_it(app: crate::app::TestApp) {
    let olga = app.admin().await;
    let anna = Member::join(&app, "Anna Berg").await;
    let bert = Member::join(&app, "Bert Kraus").await;
    connect(&app, &anna, &bert).await;
    anna.browser.post_form("/posts", &[("text", "Billige Uhren hier kaufen"), ("audience", "contacts")]).await;
    let (html, _) = items(&app, &bert, "posts").await;
    let post = post_id(&html);
    let (_, admin) = olga.page("/admin").await;
    assert!(admin.contains("No post has been reported."));

    let r = bert.browser.post_form(&format!("/posts/{post}/report"), &[("reason", "Werbung")]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, admin) = olga.page("/admin").await;
    assert!(admin.contains("Billige Uhren") && admin.contains("Werbung") && admin.contains("1 report"), "{admin}");
    let (_, page) = bert.browser.page("/admin").await;
    assert!(!page.contains("Billige Uhren"), "members see no reports");

    // The admin removes it, though it was written for Anna's contacts only.
    let r = olga.post_form(&format!("/posts/{post}/delete"), &[("next", "/admin?notice=done")]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (status, _) = bert.browser.page(&format!("/posts/{post}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, admin) = olga.page("/admin").await;
    assert!(!admin.contains("Billige Uhren"));
}

async fn public_posts_are_read_without_logging_in(app: crate::app::TestApp) {
    let anna = Member::join(&app, "Anna Berg").await;
    let bert = Member::join(&app, "Bert Kraus").await;
    connect(&app, &anna, &bert).await;
    // Anna shows her name to the public; Bert keeps the default (members only).
    let r = anna.browser.post_form("/profile/edit", &[("name", "Anna Berg"), ("vis_name", "public")]).await;
    assert!(r.status().is_redirection(), "{}", r.status());

    anna.browser.post_form("/posts", &[("text", "Offen für alle"), ("audience", "public")]).await;
    let (html, _) = items(&app, &bert, "posts").await;
    let post = post_id(&html);
    bert.browser.post_form(&format!("/posts/{post}/comment"), &[("text", "Nur für Mitglieder sichtbar")]).await;

    let visitor = app.browser();
    let (status, page) = visitor.page(&format!("/posts/{post}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Offen für alle") && page.contains("Anna Berg"), "the public post and its author");
    assert!(!page.contains("Bert Kraus") && !page.contains("Nur für Mitglieder"), "nothing of a members-only profile");
    assert!(!page.contains("/like\"") && page.contains("href=\"/login\""), "no forms, a way to log in");
    let r = reqwest::get(format!("{}/api/v1/posts/{post}", app.base)).await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);

    // Not public, or by an author the public may not see: not found.
    anna.browser.post_form("/posts", &[("text", "Nur Kontakte"), ("audience", "contacts")]).await;
    bert.browser.post_form("/posts", &[("text", "Bert öffentlich"), ("audience", "public")]).await;
    let (html, _) = items(&app, &anna, "posts").await;
    let berts = post_id(&html);
    let (html, _) = items(&app, &bert, "posts").await;
    let contacts_only = post_id(&html);
    for id in [berts, contacts_only] {
        let (status, _) = visitor.page(&format!("/posts/{id}")).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }
}

/// A member's first page is remembered between visits: each kind of change since must
/// show on the next one (counts, cards, new posts, mutes, deletions, contacts, blocks).
async fn a_page_read_again_shows_every_change_since(app: crate::app::TestApp) {
    let anna = Member::join(&app, "Anna Berg").await;
    let bert = Member::join(&app, "Bert Kraus").await;
    connect(&app, &anna, &bert).await;
    bert.browser.post_form("/posts", &[("text", "Erster Beitrag"), ("audience", "contacts")]).await;
    let (first, n) = items(&app, &anna, "all").await;
    let (again, m) = items(&app, &anna, "all").await;
    assert!(n >= 1 && n == m && first.contains("Erster Beitrag") && again.contains("Erster Beitrag"));
    let post = post_id(&again);

    anna.browser.post_form(&format!("/posts/{post}/like"), &[]).await;
    assert!(items(&app, &anna, "all").await.0.contains("1 like"), "a like counts at once");
    let r = bert.browser.post_form("/profile/edit", &[("name", "Bert Kraus"), ("headline", "Leiter Vertrieb")]).await;
    assert!(r.status().is_redirection() || r.status().is_success(), "{}", r.status());
    assert!(items(&app, &anna, "all").await.0.contains("Leiter Vertrieb"), "a card shows as it is now");
    bert.browser.post_form("/posts", &[("text", "Zweiter Beitrag"), ("audience", "contacts")]).await;
    assert!(items(&app, &anna, "all").await.0.contains("Zweiter Beitrag"), "a new post is there at once");

    anna.browser.post_form(&format!("/members/{}/ticker/mute", bert.id), &[]).await;
    assert!(!items(&app, &anna, "all").await.0.contains("Zweiter Beitrag"), "a mute hides at once");
    anna.browser.post_form(&format!("/members/{}/ticker/unmute", bert.id), &[]).await;
    assert!(items(&app, &anna, "all").await.0.contains("Zweiter Beitrag"), "and unmuting shows again");

    bert.browser.post_form(&format!("/posts/{post}/delete"), &[]).await;
    let (html, _) = items(&app, &anna, "all").await;
    assert!(!html.contains("Erster Beitrag") && html.contains("Zweiter Beitrag"), "a deleted post is gone");

    anna.browser.post_form(&format!("/members/{}/remove", bert.id), &[]).await;
    assert!(!items(&app, &anna, "all").await.0.contains("Zweiter Beitrag"), "a removed contact's news is gone");
    connect(&app, &anna, &bert).await;
    assert!(items(&app, &anna, "all").await.0.contains("Zweiter Beitrag"), "and is back with the contact");
    bert.browser.post_form(&format!("/members/{}/block", anna.id), &[]).await;
    let (html, _) = items(&app, &anna, "all").await;
    assert!(!html.contains("Zweiter Beitrag") && !html.contains("Bert Kraus"), "a block hides everything of Bert");
}
