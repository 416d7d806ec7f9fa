//! A memo's value with what front ends made of it.

use std::sync::Arc;

/// A value a memo holds, with what front ends made of it: a remembered first page is
/// shown again as it was rendered, and goes stale with the page. The value itself (a
/// domain type) carries no front end's output.
#[derive(Debug)]
pub struct Remembered<T> {
    value: T,
    renderings: [std::sync::OnceLock<Arc<str>>; 2],
}

impl<T> Remembered<T> {
    pub fn new(value: T) -> Self {
        Self { value, renderings: Default::default() }
    }

    /// The rendering in `lang`: made by `render` the first time, held from then on.
    pub fn rendered<E>(
        &self,
        lang: crate::i18n::Lang,
        render: impl FnOnce() -> Result<String, E>,
    ) -> Result<Arc<str>, E> {
        let slot = &self.renderings[lang as usize];
        if let Some(held) = slot.get() {
            return Ok(held.clone());
        }
        let made: Arc<str> = render()?.into();
        // Two requests may render at once; both show what they made, one is kept.
        let _ = slot.set(made.clone());
        Ok(made)
    }
}

impl<T> std::ops::Deref for Remembered<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T: serde::Serialize> serde::Serialize for Remembered<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(serializer)
    }
}
