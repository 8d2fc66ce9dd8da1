//! A drop target's highlight. Dragging across a child element fires
//! `dragleave` on the parent and `dragenter` on the child; counting enters
//! and leaves keeps the highlight on until the pointer really leaves.

use leptos::prelude::*;

/// How deep the dragged item is inside the zone; highlighted while above 0.
#[derive(Clone, Copy)]
pub struct DropZone {
    depth: RwSignal<u32>,
}

impl DropZone {
    /// A zone with nothing over it.
    pub fn new() -> Self {
        Self {
            depth: RwSignal::new(0),
        }
    }

    /// Something is being dragged over the zone (tracked).
    pub fn active(self) -> bool {
        self.depth.get() > 0
    }

    /// `dragenter` on the zone or any element inside it.
    pub fn enter(self, ev: &web_sys::DragEvent) {
        ev.prevent_default();
        self.depth.update(|d| *d += 1);
    }

    /// `dragover`: allows the drop.
    pub fn over(self, ev: &web_sys::DragEvent) {
        ev.prevent_default();
    }

    /// `dragleave` from the zone or any element inside it.
    pub fn leave(self) {
        self.depth.update(|d| *d = d.saturating_sub(1));
    }

    /// `drop`: the highlight goes; answers the dropped files.
    pub fn drop(self, ev: &web_sys::DragEvent) -> Option<web_sys::FileList> {
        ev.prevent_default();
        self.depth.set(0);
        ev.data_transfer().and_then(|d| d.files())
    }
}
