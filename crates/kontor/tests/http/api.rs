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
    let link = app.deliver_mail().await[0].link("/verify/");
    app.browser().post_form(&link, &[]).await;

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
        for expected in ["/signup", "/sessions", "/me", "/me/profile", "/members/{id}"] {
            assert!(paths.contains_key(expected), "{expected} is documented");
        }
        assert!(doc["components"]["schemas"]["ProfileView"].is_object());
        assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
        for (path, operations) in paths {
            let url = format!("{}/api/v1{}", app.base, path.replace("{id}", "0192f0c1a2b37c4d8e9fa0b1c2d3e4f5"));
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
                if !path.contains("{id}") {
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
