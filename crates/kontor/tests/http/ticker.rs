//! The ticker over HTTP: posts, comments, likes and shares on the pages, new contacts
//! and profile changes as the writers' settings allow, mutes, and audiences.

use crate::app::Answered;
use crate::app::{attrs, texts};
use crate::contacts::{Member, connect};
use crate::on_both;
use reqwest::StatusCode;

on_both!(
    a_post_reaches_contacts_and_is_talked_about,
    new_contacts_are_told_only_as_each_side_allows,
    a_reported_post_reaches_the_admins_who_can_remove_it,
    public_posts_are_read_without_logging_in,
    a_post_is_one_card_however_much_happens_to_it,
    deleting_removing_and_blocking_ask_first,
    mention_suggestions_are_the_contacts_one_may_name,
);

/// The ids of the items on a member's home page, in order.
pub(crate) async fn items(who: &Member, filter: &str) -> (String, usize) {
    let (status, html) = who.browser.page(&format!("/home?filter={filter}")).await;
    assert_eq!(status, StatusCode::OK);
    let n = texts(&html, "li.ticker-item").len();
    (html, n)
}

pub(crate) fn post_id(html: &str) -> String {
    attrs(html, "[data-post]", "data-post").into_iter().next().expect("a post on the page")
}

/// The posts a page shows, newest first, as their text reads.
pub(crate) fn posts(html: &str) -> Vec<String> {
    texts(html, ".post-text")
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
    let (html, _) = items(&bert, "posts").await;
    assert_eq!(posts(&html), ["Neues Projekt mit @Bert Kraus: https://example.org/projekt."], "Bert sees Anna's post");
    assert_eq!(
        attrs(&html, ".post-text a[rel~=nofollow]", "href"),
        ["https://example.org/projekt"],
        "the link is a link"
    );
    let bert_page = format!("/members/{}", bert.id);
    assert_eq!(attrs(&html, ".post-text a.mention", "href"), [bert_page.as_str()], "the mention links Bert");
    let reasons = texts(&html, ".reasons li");
    assert!(
        reasons.iter().any(|r| r.starts_with("Because you and Anna Berg are contacts.")),
        "the item says why: {reasons:?}"
    );
    let post = post_id(&html);
    let (html, _) = items(&carl, "all").await;
    // Leak checks search the whole page: nothing of it anywhere, not only not as a post.
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
    let (html, _) = items(&carl, "all").await;
    assert!(!html.contains("Lesenswert") && !html.contains(&post), "nothing of the post reaches Carl");
    let (_, page) = anna.browser.page(&format!("/posts/{post}")).await;
    assert_eq!(texts(&page, ".comment-text"), ["Gratuliere!"], "Anna sees the comment");
    assert_eq!(texts(&page, ".post-counts"), ["1 like · 1 comment"], "and the like");
    let (html, n) = items(&anna, "conversations").await;
    assert_eq!(n, 1, "Bert's comment and like are one card, the post's");
    let lines = texts(&html, ".reacted").join(" · ");
    assert!(lines.contains("Bert Kraus commented") && lines.contains("Bert Kraus liked this"), "{lines}");
    assert_eq!(texts(&html, ".comment-text"), ["Gratuliere!"], "the comment under the post");

    // Anna mutes Bert: his items leave her ticker; her own post stays.
    let r = anna.browser.post_form(&format!("/members/{}/ticker/mute", bert.id), &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (html, _) = items(&anna, "all").await;
    assert!(texts(&html, ".reacted").is_empty() && texts(&html, ".comment-text").is_empty(), "Bert's reactions go");
    assert_eq!(posts(&html), ["Neues Projekt mit @Bert Kraus: https://example.org/projekt."], "hers stays");

    // A post for contacts of contacts reaches Carl through a share of Bert's.
    anna.browser
        .post_form("/posts", &[("text", "Offen für das Netzwerk"), ("audience", "contacts_of_contacts")])
        .await
        .see_other();
    let (html, _) = items(&bert, "posts").await;
    let wide = post_id(&html);
    bert.browser.post_form(&format!("/posts/{wide}/share"), &[("text", ""), ("audience", "members")]).await.see_other();
    let (html, _) = items(&carl, "all").await;
    assert_eq!(posts(&html), ["Offen für das Netzwerk"], "Carl sees the share of a post he may see");

    // Anna deletes her first post: it and everything on it are gone.
    let r = anna.browser.post_form(&format!("/posts/{post}/delete"), &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (html, _) = items(&bert, "all").await;
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
    bert.browser.post_form("/settings/ticker", &[("profile_reach", "contacts")]).await.answered(StatusCode::OK);
    connect(&app, &anna, &bert).await;
    let (html, _) = items(&carl, "contacts").await;
    let news = format!("li.ticker-item[data-kind=contact][data-member='{}'] .who", anna.id);
    assert_eq!(
        attrs(&html, &news, "data-member"),
        [anna.id.as_str(), bert.id.as_str()],
        "Carl hears of Anna's new contact"
    );
    let (html, n) = items(&dora, "contacts").await;
    assert_eq!(n, 0, "Dora hears nothing of Bert's: {html}");

    // Anna narrows her setting: the old item goes from Carl's ticker at once.
    anna.browser.post_form("/settings/ticker", &[("profile_reach", "contacts")]).await.answered(StatusCode::OK);
    let (_, n) = items(&carl, "contacts").await;
    assert_eq!(n, 0, "a narrower setting hides what was shown");
    // Widening again brings it back only for what happens from now on: Bert's old
    // contact stays untold when he allows it later.
    bert.browser
        .post_form("/settings/ticker", &[("announce_contacts", "1"), ("profile_reach", "contacts")])
        .await
        .answered(StatusCode::OK);
    let (_, n) = items(&dora, "contacts").await;
    assert_eq!(n, 0, "a wider setting never announces old contacts");

    // A profile change reaches contacts with the value as it is now.
    let (_, n) = items(&carl, "profiles").await;
    assert_eq!(n, 0);
    let r = anna.browser.post_form("/profile/edit", &[("name", "Anna Berg"), ("headline", "Leiterin Einkauf")]).await;
    assert!(r.status().is_redirection() || r.status().is_success(), "{}", r.status());
    let (html, n) = items(&carl, "profiles").await;
    assert_eq!(n, 1, "{html}");
    assert_eq!(texts(&html, ".news"), ["New headline: Leiterin Einkauf"], "the news says what changed");
}

async fn a_reported_post_reaches_the_admins_who_can_remove_it(app: crate::app::TestApp) {
    let olga = app.admin().await;
    let anna = Member::join(&app, "Anna Berg").await;
    let bert = Member::join(&app, "Bert Kraus").await;
    connect(&app, &anna, &bert).await;
    anna.browser
        .post_form("/posts", &[("text", "Billige Uhren hier kaufen"), ("audience", "contacts")])
        .await
        .see_other();
    let (html, _) = items(&bert, "posts").await;
    let post = post_id(&html);
    let (_, admin) = olga.page("/admin").await;
    assert_eq!(texts(&admin, "#reports p.muted"), ["No post has been reported."]);

    let r = bert.browser.post_form(&format!("/posts/{post}/report"), &[("reason", "Werbung")]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, admin) = olga.page("/admin").await;
    let reported = format!("#reports li.reported[data-post='{post}']");
    assert_eq!(texts(&admin, &format!("{reported} blockquote")), ["Billige Uhren hier kaufen"], "the post");
    assert_eq!(texts(&admin, &format!("{reported} ul li")), ["Werbung"], "the reason");
    assert!(texts(&admin, &format!("{reported} p")).concat().ends_with("1 report"), "how often");
    let (_, page) = bert.browser.page("/admin").await;
    assert!(!page.contains("Billige Uhren"), "members see no reports");

    // The admin removes it, though it was written for Anna's contacts only: asked first,
    // and led back to the reports.
    let ask = format!("/posts/{post}/delete?next=%2Fadmin%3Fnotice%3Ddone%23reports");
    assert_eq!(
        attrs(&admin, &format!("{reported} a.btn-danger"), "href"),
        [ask.as_str()],
        "the report's button asks first"
    );
    let (status, question) = olga.page(&ask).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(attrs(&question, "input[name=next]", "value"), ["/admin?notice=done#reports"], "and leads back");
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

    anna.browser.post_form("/posts", &[("text", "Offen für alle"), ("audience", "public")]).await.see_other();
    let (html, _) = items(&bert, "posts").await;
    let post = post_id(&html);
    bert.browser
        .post_form(&format!("/posts/{post}/comment"), &[("text", "Nur für Mitglieder sichtbar")])
        .await
        .see_other();

    let visitor = app.browser();
    let (status, page) = visitor.page(&format!("/posts/{post}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(posts(&page), ["Offen für alle"], "the public post");
    assert_eq!(texts(&page, "article.post .who .name"), ["Anna Berg"], "and its author");
    assert!(!page.contains("Bert Kraus") && !page.contains("Nur für Mitglieder"), "nothing of a members-only profile");
    assert!(texts(&page, "button[formaction$='/like']").is_empty(), "no forms");
    assert!(!attrs(&page, "a[href='/login']", "href").is_empty(), "a way to log in");
    let r = reqwest::get(format!("{}/api/v1/posts/{post}", app.base)).await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);

    // A public post by an author who shows their name to members only: readable by
    // anyone, its author "a member of" the site; the composer told him so.
    let hint = "#post-audience-hint";
    assert!(!texts(&anna.browser.page("/home").await.1, hint).iter().any(|t| !t.is_empty()), "Anna's name is public");
    let (_, home) = bert.browser.page("/home").await;
    assert!(texts(&home, hint).concat().contains("Your name is shown to members only"), "Bert is told");
    bert.browser.post_form("/posts", &[("text", "Bert öffentlich"), ("audience", "public")]).await.see_other();
    let (html, _) = items(&anna, "posts").await;
    let berts = post_id(&html);
    let (status, page) = visitor.page(&format!("/posts/{berts}")).await;
    assert_eq!(status, StatusCode::OK, "public means public");
    assert_eq!(posts(&page), ["Bert öffentlich"], "the post");
    assert!(!page.contains("Bert Kraus"), "not its author's name, anywhere on the page");
    let author = texts(&page, "article.post .who");
    assert_eq!(author, ["A member of Kontor"], "{page}");
    let r = reqwest::get(format!("{}/api/v1/posts/{berts}", app.base)).await.unwrap();
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["post"]["author"], serde_json::Value::Null, "{body}");
    assert!(!body.to_string().contains("Kraus"), "{body}");
    let (_, as_member) = anna.browser.page(&format!("/posts/{berts}")).await;
    assert_eq!(texts(&as_member, "article.post .who .name"), ["Bert Kraus"], "members see who wrote it");

    // Not public: not found.
    anna.browser.post_form("/posts", &[("text", "Nur Kontakte"), ("audience", "contacts")]).await.see_other();
    let (html, _) = items(&bert, "posts").await;
    let contacts_only = post_id(&html);
    let (status, _) = visitor.page(&format!("/posts/{contacts_only}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

/// The cards of a ticker page as a reader sees them: the post each is about (if any),
/// the lines saying who did what, and the reasons under "why".
struct Card {
    post: Option<String>,
    lines: Vec<String>,
    reasons: Vec<String>,
}

fn cards(html: &str) -> Vec<Card> {
    use scraper::{Html, Selector};
    let page = Html::parse_document(html);
    let (item, post, line, reason) = (
        Selector::parse("li.ticker-item").unwrap(),
        Selector::parse("article.post").unwrap(),
        Selector::parse(".item-line .reacted").unwrap(),
        Selector::parse(".why .reasons li").unwrap(),
    );
    // What a screen reader says: text outside aria-hidden parts (an avatar's initials).
    let text = |e: scraper::ElementRef| {
        let spoken: String = e
            .descendants()
            .filter_map(|n| n.value().as_text().map(|t| (n, t)))
            .filter(|(n, _)| {
                n.ancestors()
                    .filter_map(scraper::ElementRef::wrap)
                    .all(|a| a.value().attr("aria-hidden") != Some("true"))
            })
            .map(|(_, t)| &**t)
            .collect();
        spoken.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    page.select(&item)
        .map(|card| Card {
            post: card.select(&post).next().and_then(|p| p.value().attr("data-post")).map(str::to_owned),
            lines: card.select(&line).map(text).collect(),
            reasons: card.select(&reason).map(text).collect(),
        })
        .collect()
}

async fn a_post_is_one_card_however_much_happens_to_it(app: crate::app::TestApp) {
    let anna = Member::join(&app, "Anna Berg").await;
    let mut others = Vec::new();
    for name in ["Bert Kraus", "Carl Lange", "Dora Meier", "Emil Roth"] {
        let other = Member::join(&app, name).await;
        connect(&app, &anna, &other).await;
        others.push(other);
    }
    let [bert, carl, dora, emil] = &others[..] else { unreachable!() };
    assert_eq!(write_post(bert, "Bert's first").await, StatusCode::SEE_OTHER);
    let (html, _) = items(&anna, "all").await;
    let first = post_id(&html);
    assert_eq!(write_post(carl, "Carl's news").await, StatusCode::SEE_OTHER);
    // Four reactions to Bert's post, newer than Carl's.
    for (who, action, text) in [(carl, "like", ""), (dora, "like", ""), (emil, "like", ""), (dora, "comment", "Stark!")]
    {
        let fields: Vec<(&str, &str)> = if text.is_empty() { vec![] } else { vec![("text", text)] };
        let r = who.browser.post_form(&format!("/posts/{first}/{action}"), &fields).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{action}");
    }

    let (html, _) = items(&anna, "all").await;
    let page = cards(&html);
    let of_first: Vec<&Card> = page.iter().filter(|c| c.post.as_deref() == Some(first.as_str())).collect();
    assert_eq!(of_first.len(), 1, "one card for Bert's post");
    assert_eq!(page[0].post.as_deref(), Some(first.as_str()), "at the place of its newest activity, on top");
    assert_eq!(page[0].lines, ["Dora Meier commented", "Emil Roth and 2 others liked this"], "who did what");
    assert_eq!(texts(&html, ".comment-text"), ["Stark!"], "the comment is shown");
    let reasons = &page[0].reasons;
    for name in ["Bert Kraus", "Carl Lange", "Dora Meier", "Emil Roth"] {
        assert!(reasons.iter().any(|r| r.contains(name)), "{name} is a reason: {reasons:?}");
    }
    assert_ne!(page[1].post.as_deref(), Some(first.as_str()), "Carl's post comes next, once");

    // In the API (which writes ids hyphenated): every reaction in the post's one item.
    let first = format!("{}-{}-{}-{}-{}", &first[..8], &first[8..12], &first[12..16], &first[16..20], &first[20..]);
    let items_of = |page: &serde_json::Value| page["items"].as_array().unwrap().clone();
    let reactions_of = |item: &serde_json::Value| -> Vec<String> {
        item["reactions"].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap().to_owned()).collect()
    };
    let whole = items_of(&anna.get(&app, "/me/ticker?limit=100").await);
    assert_eq!(whole[0]["post"]["id"], first.as_str());
    assert_eq!(reactions_of(&whole[0]).len(), 4);
    let every_reaction: Vec<String> = whole.iter().flat_map(reactions_of).collect();

    // One card a page: the cursor goes on below what a page took, writes between the
    // loads change nothing below it, and a post shown again shows only what happened to
    // it below the cursor.
    let mut page = anna.get(&app, "/me/ticker?limit=1").await;
    assert_eq!(write_post(emil, "Emil, later").await, StatusCode::SEE_OTHER);
    let r = bert.browser.post_form(&format!("/posts/{first}/comment"), &[("text", "Danke!")]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (mut reactions_seen, mut times_first_shown, mut posts_seen) = (Vec::new(), 0, Vec::new());
    loop {
        for item in items_of(&page) {
            assert!(!item.to_string().contains("Danke!") && !item.to_string().contains("Emil, later"), "{item}");
            for r in reactions_of(&item) {
                assert!(!reactions_seen.contains(&r), "a reaction is shown once: {r}");
                reactions_seen.push(r);
            }
            let about = item["post"]["id"].as_str().unwrap_or_default().to_owned();
            times_first_shown += usize::from(about == first);
            posts_seen.push(about);
        }
        let Some(before) = page["next"].as_str() else { break };
        page = anna.get(&app, &format!("/me/ticker?limit=1&before={before}")).await;
    }
    reactions_seen.sort();
    let mut expected = every_reaction.clone();
    expected.sort();
    assert_eq!(reactions_seen, expected, "complete: every reaction on some page");
    assert!(times_first_shown >= 2, "Bert's post comes again further down: {posts_seen:?}");
    assert!(posts_seen.contains(&post_id_of(&whole, "Carl's news")), "and Carl's once");

    let newest = items_of(&anna.get(&app, "/me/ticker?limit=100").await);
    assert_eq!(newest[0]["post"]["id"], first.as_str(), "Bert's new comment brings his post to the top again");
    assert!(newest[0]["reactions"][0]["text"].to_string().contains("Danke!"));
}

/// Posts `text` for all members.
pub(crate) async fn write_post(m: &Member, text: &str) -> StatusCode {
    m.browser.post_form("/posts", &[("text", text), ("audience", "members")]).await.status()
}

/// The id of the post whose text has `text` among API items.
fn post_id_of(items: &[serde_json::Value], text: &str) -> String {
    let found = items.iter().find(|i| i["post"]["text"].to_string().contains(text)).expect("the post");
    found["post"]["id"].as_str().unwrap().to_owned()
}

/// What cannot be undone asks first, on a page that works without script: the post's
/// and the profile's buttons lead to it, and only its own form does the deed.
async fn deleting_removing_and_blocking_ask_first(app: crate::app::TestApp) {
    let anna = Member::join(&app, "Anna Berg").await;
    let bert = Member::join(&app, "Bert Kraus").await;
    connect(&app, &anna, &bert).await;
    assert_eq!(write_post(&anna, "Bald weg").await, StatusCode::SEE_OTHER);
    let (html, _) = items(&anna, "posts").await;
    let post = post_id(&html);
    let (_, page) = anna.browser.page(&format!("/posts/{post}")).await;
    let ask = format!("/posts/{post}/delete");
    assert!(
        texts(&page, &format!("a[href='{ask}']")).concat().contains("Delete post"),
        "the button leads to a question"
    );
    let (status, question) = anna.browser.page(&ask).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(texts(&question, "h1"), ["Delete this post?"]);
    assert_eq!(texts(&question, &format!("form[action='{ask}'] button")), ["Delete post"]);
    let (html, _) = items(&anna, "posts").await;
    assert_eq!(posts(&html), ["Bald weg"], "asking deleted nothing");
    assert_eq!(bert.browser.page(&ask).await.0, StatusCode::NOT_FOUND, "a reader is not asked what he may not do");
    assert_eq!(bert.browser.post_form(&ask, &[]).await.status(), StatusCode::NOT_FOUND, "nor may he");

    // A comment, with a reply: its author is asked, and it goes with its reply.
    let on_post = format!("/posts/{post}/comment");
    assert_eq!(bert.browser.post_form(&on_post, &[("text", "Schade!")]).await.status(), StatusCode::SEE_OTHER);
    let (_, page) = anna.browser.page(&format!("/posts/{post}")).await;
    let comment = attrs(&page, "[data-comment]", "data-comment").into_iter().next().expect("Bert's comment");
    let reply = [("text", "Ja, leider."), ("reply_to", comment.as_str())];
    assert_eq!(anna.browser.post_form(&on_post, &reply).await.status(), StatusCode::SEE_OTHER);
    let ask_comment = format!("/posts/{comment}/delete");
    let link = format!("a[href='{ask_comment}?next=%2Fposts%2F{post}%23comments']");
    let (_, page) = anna.browser.page(&format!("/posts/{post}")).await;
    assert!(texts(&page, &link).is_empty(), "Anna is offered no deleting of Bert's comment");
    assert_eq!(anna.browser.page(&ask_comment).await.0, StatusCode::NOT_FOUND);
    let (_, page) = bert.browser.page(&format!("/posts/{post}")).await;
    assert_eq!(texts(&page, &link), ["Delete"], "Bert is, for his own");
    let (status, question) = bert.browser.page(&format!("{ask_comment}?next=%2Fposts%2F{post}%23comments")).await;
    assert_eq!((status, texts(&question, "h1")), (StatusCode::OK, vec!["Delete this comment?".to_owned()]));
    assert_eq!(texts(&question, "input[name=next]").len(), 1, "and comes back to the post");
    let r = bert.browser.post_form(&ask_comment, &[("next", &format!("/posts/{post}#comments"))]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], format!("/posts/{post}#comments").as_str());
    let (_, page) = anna.browser.page(&format!("/posts/{post}")).await;
    assert!(!page.contains("Schade!") && !page.contains("Ja, leider."), "the comment and its reply are gone");

    assert_eq!(anna.browser.post_form(&ask, &[]).await.status(), StatusCode::SEE_OTHER);
    assert_eq!(anna.browser.page(&ask).await.0, StatusCode::NOT_FOUND, "gone: nothing to ask about");

    let (_, profile) = anna.browser.page(&format!("/members/{}", bert.id)).await;
    for (action, title) in [("remove", "Remove this contact?"), ("block", "Block this member?")] {
        let ask = format!("/members/{}/{action}", bert.id);
        assert!(!texts(&profile, &format!("a[href='{ask}']")).is_empty(), "{action}: a link to the question");
        let (status, question) = anna.browser.page(&ask).await;
        assert_eq!((status, texts(&question, "h1")), (StatusCode::OK, vec![title.to_owned()]));
        assert_eq!(texts(&question, &format!("form[action='{ask}'] button")).len(), 1);
    }
    assert_eq!(anna.get(&app, "/me/contacts").await["contacts"].as_array().unwrap().len(), 1, "still contacts");
    assert_eq!(anna.browser.page(&format!("/members/{}/wave", bert.id)).await.0, StatusCode::NOT_FOUND);
}

/// After an `@`, the composer suggests the author's contacts whose name (or a word of it)
/// starts with what is typed: nobody else, and nobody the author has blocked.
async fn mention_suggestions_are_the_contacts_one_may_name(app: crate::app::TestApp) {
    let anna = Member::join(&app, "Anna Berg").await;
    let bert = Member::join(&app, "Bert Kraus").await;
    let berta = Member::join(&app, "Berta Böhm").await;
    let dora = Member::join(&app, "Dora Bergmann").await;
    let emil = Member::join(&app, "Emil Roth").await;
    connect(&app, &anna, &bert).await;
    connect(&app, &anna, &berta).await;
    connect(&app, &anna, &dora).await;
    connect(&app, &bert, &emil).await;
    let names = |found: &serde_json::Value| -> Vec<String> {
        found.as_array().unwrap().iter().map(|m| m["name"].as_str().unwrap().to_owned()).collect()
    };
    // A word's start, case aside: "Bert", "Berta" and Dora Bergmann; Emil, not Anna's
    // contact, is never offered.
    assert_eq!(
        names(&anna.get(&app, "/me/mention-suggestions?q=ber").await),
        ["Bert Kraus", "Berta Böhm", "Dora Bergmann"]
    );
    assert_eq!(names(&anna.get(&app, "/me/mention-suggestions?q=Bert%20K").await), ["Bert Kraus"]);
    assert_eq!(names(&anna.get(&app, "/me/mention-suggestions?q=b%C3%B6").await), ["Berta Böhm"]);
    assert_eq!(names(&anna.get(&app, "/me/mention-suggestions").await), ["Bert Kraus", "Berta Böhm", "Dora Bergmann"]);
    assert!(names(&anna.get(&app, "/me/mention-suggestions?q=emil").await).is_empty());
    assert!(names(&anna.get(&app, &format!("/me/mention-suggestions?q={}", "x".repeat(101))).await).is_empty());
    let card = &anna.get(&app, "/me/mention-suggestions?q=dora").await[0];
    assert_eq!(card["id"], dora.json_id.as_str());

    // The page's script asks the same with the session; visitors are asked to log in.
    let (status, body) = anna.browser.page("/mentions?q=ber").await;
    assert_eq!(status, StatusCode::OK);
    let found: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(names(&found), ["Bert Kraus", "Berta Böhm", "Dora Bergmann"]);
    assert_ne!(app.browser().get("/mentions?q=ber").await.status(), StatusCode::OK);
    let r =
        reqwest::Client::new().get(format!("{}/api/v1/me/mention-suggestions?q=ber", app.base)).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);

    // Blocked, Berta is gone from the suggestions as from everything else.
    let (status, _) = anna.api(&app, reqwest::Method::PUT, &format!("/me/blocks/{}", berta.id), None).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(names(&anna.get(&app, "/me/mention-suggestions?q=ber").await), ["Bert Kraus", "Dora Bergmann"]);

    // What is suggested is what a post mentions: Bert is told.
    let text = "Danke @Bert Kraus für die Einführung!";
    let (status, _) = anna.api(&app, reqwest::Method::POST, "/posts", Some(serde_json::json!({"text": text}))).await;
    assert_eq!(status, StatusCode::CREATED);
    let told = bert.get(&app, "/me/notifications").await;
    assert!(told.to_string().contains("mention"), "{told}");
    app.stop().await;
}
