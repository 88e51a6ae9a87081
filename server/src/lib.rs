//! The Skill Profiles server as a library, so tests build the same router as `main`.
#![recursion_limit = "256"]

pub mod accounts;
pub mod api;
pub mod cache;
pub mod config;
pub mod content;
pub mod export;
pub mod files;
pub mod forms;
pub mod pages;
pub mod revisions;
pub mod routes;
pub mod security;
pub mod store;
