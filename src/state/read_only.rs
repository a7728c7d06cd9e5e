//! A signal the whole app reads and one service writes.

use leptos::prelude::*;

/// A read-only view of a signal: it can be read and tracked like the signal, never set. The
/// service that owns the state holds the signal itself ([`super::Writers`]).
pub struct ReadOnly<T: 'static>(RwSignal<T>);

impl<T> Clone for ReadOnly<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for ReadOnly<T> {}

impl<T: Send + Sync + 'static> ReadOnly<T> {
    /// A view of `signal`.
    pub(super) fn of(signal: RwSignal<T>) -> ReadOnly<T> {
        ReadOnly(signal)
    }

    /// Reads the value, tracking it.
    pub fn with<U>(&self, read: impl FnOnce(&T) -> U) -> U {
        self.0.with(read)
    }

    /// Reads the value without tracking it.
    pub fn with_untracked<U>(&self, read: impl FnOnce(&T) -> U) -> U {
        self.0.with_untracked(read)
    }

    /// A copy of the value, tracking it.
    pub fn get(&self) -> T
    where
        T: Clone,
    {
        self.0.get()
    }

    /// A copy of the value, without tracking it.
    pub fn get_untracked(&self) -> T
    where
        T: Clone,
    {
        self.0.get_untracked()
    }
}
