//! The Skill Profiles server as a library, so tests build the same router as `main`.
//!
//! - [`config`]: settings from flags and the environment.
//! - [`content`]: content files parsed, written, and kept in step with the database.
//! - [`store`]: the SQLite and PostgreSQL implementations of `app`'s `Store`.
//! - [`http`]: the router and what every request passes through (identity, security,
//!   forms, the render cache, static files).
//! - [`accounts`]: sign-up, sign-in, sign-out, passwords and sessions.
//! - [`portal`]: what other programs read (JSON API, oEmbed, downloads).
//! - [`webhooks`]: signed POSTs of events to registered targets, from an outbox.
#![recursion_limit = "256"]

pub mod accounts;
pub mod config;
pub mod content;
pub mod http;
pub mod portal;
pub mod store;
pub mod webhooks;
