//! The page's selection lives in the URL: the server reads it from the query and renders it;
//! in the browser the explorer ([`crate::components::Explorer`]) writes every change
//! back to the address bar with `replaceState` (no reload, no new history entry),
//! remembering the role and level as the last choice. The choice is restored before first
//! paint by the page head's early script ([`crate::shell::EARLY_SCRIPT`]), so nothing moves
//! later.

use serde::{Deserialize, Serialize};

/// The remembered choice, by identifiers so it carries across skills. The early script in
/// the page head reads the same envelope (`{"v":1,"data":{"role":…,"level":…}}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    /// Role id.
    pub role: String,
    /// Level id.
    pub level: String,
}
