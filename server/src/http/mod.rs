//! HTTP: the router, and what every request and response passes through.

pub mod cache;
pub mod files;
pub mod form_pages;
pub mod html;
pub mod identity;
pub mod router;
pub mod security;
pub mod worker;
