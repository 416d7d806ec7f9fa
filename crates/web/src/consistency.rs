//! Members see their own writes at once, whichever node serves them.
//!
//! After a member's write, the response carries the log position the write reached (a
//! cookie). A node that has not applied that far yet catches up before it answers the
//! member's next request; other members see the write within the log lag.

use crate::cookies;
use crate::state::AppState;
use axum::extract::{Request, State};
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::Response;
use kontor_core::changelog::LogPosition;

pub const SEEN: &str = "kontor_seen";

pub async fn read_your_writes(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let signed_in = cookies::get(request.headers(), cookies::SESSION).is_some();
    let seen = cookies::get(request.headers(), SEEN).and_then(|v| v.parse::<LogPosition>().ok());
    if let Some(position) = seen.filter(|_| signed_in) {
        state.see_own_writes(position).await;
    }
    let wrote = signed_in && !matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let mut response = next.run(request).await;
    if wrote {
        // At or past the member's write: this node's newest, from memory.
        let position = state.kontor.store().written_through();
        if position > LogPosition::START {
            let cookie = cookies::set(SEEN, &position.to_string(), Some(600), state.settings.secure_cookies);
            response.headers_mut().append(header::SET_COOKIE, cookie);
        }
    }
    response
}
