//! Accounts: sign-up, e-mail verification, log-in, sessions, passwords.
//!
//! Invariants: a session or link token is stored only as its hash; a password reset or
//! change ends every other session and token; answers never tell whether an e-mail has an
//! account, and unknown e-mails cost the same password-hash work as known ones.

mod access_tokens;
mod invitations;
mod links;
mod model;
mod needs;
mod password_policy;
mod repo;
mod service;
mod sessions;
mod state;
mod two_factor;

pub use model::*;
pub use needs::AccountsStore;
pub(crate) use needs::{AccountsNeeds, MemberStateNeeds};
pub use password_policy::PasswordContext;
pub use repo::{AccountRepo, NewToken, SessionRepo, StoredToken};
pub use service::{Accounts, Ended, LogIn, LogInOutcome, LoggedIn, SESSION_TTL, SignUp, Verification};
pub use sessions::SessionCache;
pub use state::{MemberState, MemberStateRepo, StateCache};
pub use two_factor::TwoFactorSetup;
