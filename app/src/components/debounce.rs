//! One call at a time, run after a pause: work driven by typing (search, autosave).

use leptos::prelude::*;
use std::time::Duration;

/// Holds at most one pending call; scheduling another replaces it.
#[derive(Debug, Clone, Copy)]
pub struct Debounce {
    pending: StoredValue<Option<TimeoutHandle>>,
    pause: Duration,
}

impl Debounce {
    /// A debouncer that waits `pause` after the last call.
    pub fn new(pause: Duration) -> Self {
        Self {
            pending: StoredValue::new(None),
            pause,
        }
    }

    /// Runs `call` after the pause, unless scheduled again or cancelled before then.
    pub fn schedule(&self, call: impl FnOnce() + 'static) {
        self.cancel();
        self.pending
            .set_value(set_timeout_with_handle(call, self.pause).ok());
    }

    /// Drops the pending call, if any.
    pub fn cancel(&self) {
        if let Some(handle) = self.pending.get_value() {
            handle.clear();
        }
        self.pending.set_value(None);
    }
}
