//! Reusable view pieces.

mod figures;
mod header;
mod matrix;

pub use figures::Figures;
pub use header::SiteHeader;
pub use matrix::Matrix;
