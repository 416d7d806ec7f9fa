//! The JSON API: the same flows, stable error codes, bounded input.

use crate::app::{PASSWORD, TestApp};
use crate::on_both;
use reqwest::StatusCode;
use serde_json::{Value, json};

on_both!(api_sign_up_log_in_and_profile, api_errors_have_stable_codes);

async fn api_sign_up_log_in_and_profile(app: TestApp) {
    let c = reqwest::Client::new();
    let url = |p: &str| format!("{}/api/v1{p}", app.base);
    let r = c
        .post(url("/signup"))
        .json(&json!({"name": "Greta Hahn", "email": "greta@example.org", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::ACCEPTED);
    let signup_token = r.json::<Value>().await.unwrap()["signup_token"].as_str().unwrap().to_owned();
    let link = app.deliver_mail().await[0].link("/verify/");
    let verify = format!("/api/v1{link}");
    // Without the sign-up's token the confirmation needs a password of its own.
    let r = c.post(format!("{}{verify}", app.base)).json(&json!({})).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json::<Value>().await.unwrap()["fields"][0]["field"], "password");
    let r = c.post(format!("{}{verify}", app.base)).json(&json!({"signup_token": signup_token})).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK, "the sign-up's token keeps its password");

    let r = c
        .post(url("/sessions"))
        .json(&json!({"email": "greta@example.org", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let body: Value = r.json().await.unwrap();
    let token = body["token"].as_str().unwrap().to_owned();
    let id = body["member"]["id"].as_str().unwrap().to_owned();
    assert!(body["member"].get("password_hash").is_none() && body["member"].get("key").is_none());

    let me: Value = c.get(url("/me")).bearer_auth(&token).send().await.unwrap().json().await.unwrap();
    assert_eq!(me["email"], "greta@example.org");

    let profile = json!({
        "name": "Greta Hahn",
        "headline": "Recruiter",
        "private_phone": "+49 30 1234567",
        "haves": ["Hiring", "Interviews"],
        "work_history": [{"title": "Recruiter", "organisation": "Hahn GmbH", "from_year": 2019, "to_year": null}],
        "visibility": {"headline": "public", "name": "public", "haves": "members"}
    });
    let r = c.put(url("/me/profile")).bearer_auth(&token).json(&profile).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let own: Value = c.get(url("/me/profile")).bearer_auth(&token).send().await.unwrap().json().await.unwrap();
    assert_eq!(own["private_phone"], "+49 30 1234567");
    assert_eq!(own["visibility"]["private_contact"], Value::Null, "defaults are not stored");

    let public: Value = c.get(url(&format!("/members/{id}"))).send().await.unwrap().json().await.unwrap();
    assert_eq!(public["headline"], "Recruiter");
    assert_eq!(public["haves"], json!([]), "members-only fields are empty for the public");
    assert_eq!(public["private_phone"], "");
    assert_eq!(public["visibility"], json!({}), "settings are the owner's business");

    let r = c.delete(url("/sessions/current")).bearer_auth(&token).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    assert_eq!(c.get(url("/me")).bearer_auth(&token).send().await.unwrap().status(), StatusCode::UNAUTHORIZED);
    app.stop().await;
}

async fn api_errors_have_stable_codes(app: TestApp) {
    let c = reqwest::Client::new();
    let url = |p: &str| format!("{}/api/v1{p}", app.base);
    let r = c.get(url("/me")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(r.json::<Value>().await.unwrap()["code"], "unauthenticated");

    let r = c.post(url("/signup")).json(&json!({"name": "", "email": "x", "password": "short"})).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["code"], "validation_failed");
    let fields: Vec<(&str, &str)> = body["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["field"].as_str().unwrap(), f["code"].as_str().unwrap()))
        .collect();
    assert_eq!(fields, vec![("name", "required"), ("email", "email_invalid"), ("password", "password_too_short")]);

    let r = c.post(url("/signup")).header("content-type", "application/json").body("{not json").send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json::<Value>().await.unwrap()["code"], "validation_failed");

    let r = c
        .post(url("/signup"))
        .json(&json!({"name": "x".repeat(100_000), "email": "a@b.cd", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE);

    let r = c
        .post(url("/sessions"))
        .json(&json!({"email": "nobody@example.org", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(r.json::<Value>().await.unwrap()["code"], "invalid_credentials");

    let r = c.get(url("/members/not-an-id")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert_eq!(r.json::<Value>().await.unwrap()["code"], "not_found");
    app.stop().await;
}

mod openapi {
    use crate::app::TestApp;
    use crate::on_both;
    use reqwest::StatusCode;
    use serde_json::Value;

    on_both!(the_openapi_document_describes_every_route);

    /// Every operation in the document answers (never 404 for the route or 405 for the
    /// method), and every error response refers to the one error schema.
    async fn the_openapi_document_describes_every_route(app: TestApp) {
        let c = reqwest::Client::new();
        let doc: Value = c.get(format!("{}/api/v1/openapi.json", app.base)).send().await.unwrap().json().await.unwrap();
        assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
        let paths = doc["paths"].as_object().unwrap();
        for expected in [
            "/signup",
            "/sessions",
            "/me",
            "/me/profile",
            "/members/{id}",
            "/me/contacts",
            "/me/contacts/vcard",
            "/members/{id}/contact-request",
            "/me/contact-requests/received",
            "/me/blocks/{id}",
            "/members/{id}/network",
            "/me/suggestions",
            "/people",
            "/me/ticker",
            "/posts/{id}/comments",
            "/me/notifications",
            "/me/notification-settings",
        ] {
            assert!(paths.contains_key(expected), "{expected} is documented");
        }
        assert!(doc["components"]["schemas"]["ProfileView"].is_object());
        assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
        for (path, operations) in paths {
            let filled = path
                .replace("{id}", "0192f0c1a2b37c4d8e9fa0b1c2d3e4f5")
                .replace("{kind}", "imprint")
                .replace("{lang}", "en");
            let url = format!("{}/api/v1{filled}", app.base);
            for (method, op) in operations.as_object().unwrap() {
                let method = reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
                let r = c
                    .request(method.clone(), &url)
                    .header("content-type", "application/json")
                    .body("{}")
                    .send()
                    .await
                    .unwrap();
                assert_ne!(r.status(), StatusCode::METHOD_NOT_ALLOWED, "{method} {path}");
                // A path with a parameter may name something that is not there.
                if !path.contains('{') {
                    assert_ne!(r.status(), StatusCode::NOT_FOUND, "{method} {path}");
                }
                for (code, response) in op["responses"].as_object().unwrap() {
                    if code.starts_with('4') || code.starts_with('5') {
                        let schema = &response["content"]["application/json"]["schema"]["$ref"];
                        assert_eq!(schema, "#/components/schemas/ApiErrorBody", "{method} {path} {code}");
                    }
                }
            }
        }
        app.stop().await;
    }
}

mod parity {
    use crate::app::{PASSWORD, TestApp};
    use crate::on_both;
    use kontor_core::accounts::{AccountState, DisplayName, Email, NewAccount, Role};
    use kontor_core::imports::ImportedMember;
    use reqwest::StatusCode;
    use serde_json::{Value, json};

    on_both!(the_api_covers_the_account_and_admin_pages);

    async fn the_api_covers_the_account_and_admin_pages(app: TestApp) {
        let c = reqwest::Client::new();
        let url = |p: &str| format!("{}/api/v1{p}", app.base);
        let _anna = app.member("Anna Berg", "anna@example.org").await;
        let anna = app.api_session("anna@example.org", PASSWORD).await;

        let sessions: Vec<Value> =
            c.get(url("/me/sessions")).bearer_auth(&anna).send().await.unwrap().json().await.unwrap();
        assert_eq!(sessions.len(), 2, "the browser's and the API's");
        let r = c
            .post(url("/me/access-tokens"))
            .bearer_auth(&anna)
            .json(&json!({"name": "script", "scopes": ["read", "write"]}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::CREATED);
        let pat = r.json::<Value>().await.unwrap()["secret"].as_str().unwrap().to_owned();
        assert_eq!(c.get(url("/me")).bearer_auth(&pat).send().await.unwrap().status(), StatusCode::OK);

        let png = {
            use image::ImageEncoder;
            let mut out = Vec::new();
            let img = image::RgbImage::from_pixel(50, 40, image::Rgb([10, 120, 200]));
            image::codecs::png::PngEncoder::new(&mut out)
                .write_image(img.as_raw(), 50, 40, image::ExtendedColorType::Rgb8)
                .unwrap();
            out
        };
        let r = c
            .put(url("/me/photo"))
            .bearer_auth(&pat)
            .header("content-type", "image/png")
            .body(png)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::NO_CONTENT);
        let me: Value = c.get(url("/me")).bearer_auth(&pat).send().await.unwrap().json().await.unwrap();
        let id = me["id"].as_str().unwrap();
        let r = c.get(url(&format!("/members/{id}/photo?size=80"))).bearer_auth(&anna).send().await.unwrap();
        assert_eq!((r.status(), r.headers()["content-type"].to_str().unwrap()), (StatusCode::OK, "image/jpeg"));
        let r = c.get(url(&format!("/members/{id}/photo"))).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "the public may not see it");
        let r = c.put(url("/me/language")).bearer_auth(&pat).json(&json!({"lang": "de"})).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::NO_CONTENT);
        let r = c.get(url("/admin/members")).bearer_auth(&pat).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        assert!(
            r.json::<Value>().await.unwrap()["message"].as_str().unwrap().contains("dürfen"),
            "errors in her language"
        );

        // Keyset paging over 61 members.
        let batch: Vec<ImportedMember> = (0..59)
            .map(|i| ImportedMember {
                account: NewAccount {
                    id: kontor_core::ids::MemberId::new(),
                    email: Email::parse(&format!("m{i}@kontor.invalid")).unwrap(),
                    name: DisplayName::parse(&format!("Member {i}")).unwrap(),
                    password_hash: None,
                    lang: kontor_core::i18n::Lang::En,
                    state: AccountState::Invited,
                    role: Role::Member,
                    created_at: time::OffsetDateTime::now_utc(),
                    terms_accepted_at: None,
                },
                profile: Default::default(),
            })
            .collect();
        app.node.kontor.imports().members(batch).await.unwrap();
        let _olga = app.admin().await;
        let admin = app.api_session("olga@example.org", PASSWORD).await;
        let first: Value = c.get(url("/admin/members")).bearer_auth(&admin).send().await.unwrap().json().await.unwrap();
        assert_eq!(first["items"].as_array().unwrap().len(), 50);
        let next = first["next"].as_str().expect("a next page");
        let second: Value = c
            .get(url(&format!("/admin/members?cursor={next}")))
            .bearer_auth(&admin)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(second["items"].as_array().unwrap().len(), 11);
        assert!(second["next"].is_null());
        let mut ids: Vec<&str> = first["items"]
            .as_array()
            .unwrap()
            .iter()
            .chain(second["items"].as_array().unwrap())
            .map(|m| m["id"].as_str().unwrap())
            .collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 61, "every member once");
        let invited: Value =
            c.get(url("/admin/members?state=invited")).bearer_auth(&admin).send().await.unwrap().json().await.unwrap();
        assert_eq!(invited["items"].as_array().unwrap().len(), 50);

        let r = c.delete(url("/me")).bearer_auth(&pat).json(&json!({"password": PASSWORD})).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "an access token cannot delete the account");
        assert_eq!(r.json::<Value>().await.unwrap()["code"], "session_required");
        let r = c.delete(url("/me")).bearer_auth(&anna).json(&json!({"password": PASSWORD})).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::ACCEPTED);
        assert_eq!(c.get(url("/me")).bearer_auth(&pat).send().await.unwrap().status(), StatusCode::UNAUTHORIZED);
        app.stop().await;
    }
}
