//! Reusable view pieces.

mod compare;
mod figures;
mod header;
mod level_picker;
mod matrix;
pub mod selection;
mod theme_toggle;

pub use compare::{Badge, CompareView};
pub use figures::Figures;
pub use header::SiteHeader;
pub use level_picker::LevelPicker;
pub use matrix::Matrix;
pub use theme_toggle::{ThemeToggle, EARLY_THEME_SCRIPT};
