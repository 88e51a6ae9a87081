//! Router tests: the real router, the shipped content, requests through `oneshot`; one file
//! per area of the site. Tests that only read share one app; every test that writes builds
//! its own [`TestApp`](common::test_app::TestApp), with its own database and rate limiter.
#![recursion_limit = "256"]
#![expect(
    clippy::unwrap_used,
    reason = "a test fails by panicking; the workspace lint guards request paths"
)]

#[path = "../common/mod.rs"]
mod common;
mod util;

mod accounts;
mod api;
mod base_path;
mod cache;
mod catalog;
mod comments;
mod embed;
mod feeds;
mod forms;
mod installable;
mod plans;
mod profiles;
mod proposals;
mod security;
