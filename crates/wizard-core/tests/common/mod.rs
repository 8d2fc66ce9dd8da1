//! Shared by the machine table tests.

use std::fmt::Debug;

/// Feeds each row's events to `handle` in order, checking the effect each
/// asks for; `name` labels a failure with the row and step.
pub fn check_steps<E: Debug, F: Debug + PartialEq>(
    name: &str,
    steps: Vec<(E, Option<F>)>,
    mut handle: impl FnMut(E) -> Option<F>,
) {
    for (i, (event, expected)) in steps.into_iter().enumerate() {
        let shown = format!("{event:?}");
        assert_eq!(handle(event), expected, "{name}: step {i} ({shown})");
    }
}
