//! Form fields with their label, hint and inline error tied together for
//! assistive technology (`aria-describedby`, `aria-invalid`).

use leptos::prelude::*;

/// The ids an input's description points at: its hint, warning and error,
/// in reading order, only those shown.
fn described_by(id: &str, hint: bool, warning: bool, error: bool) -> Option<String> {
    let parts: Vec<String> = [(hint, "hint"), (warning, "warning"), (error, "error")]
        .iter()
        .filter(|(shown, _)| *shown)
        .map(|(_, kind)| format!("{id}-{kind}"))
        .collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// A labelled text input. With `secret`, the value is masked and a Show/Hide
/// button reveals it.
#[component]
pub fn TextField(
    /// The input's page-unique id; the hint and error ids derive from it.
    id: String,
    /// The visible label.
    label: &'static str,
    /// Guidance shown under the label.
    #[prop(optional)]
    hint: Option<&'static str>,
    /// The current value.
    #[prop(into)]
    value: Signal<String>,
    /// Called with the new value on every keystroke.
    #[prop(into)]
    on_input: Callback<String>,
    /// Called when the user leaves a changed field.
    #[prop(into)]
    on_change: Callback<()>,
    /// The field's error, if any.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// Advice that does not block the step.
    #[prop(optional, into)]
    warning: Signal<Option<&'static str>>,
    /// Mask the value.
    #[prop(optional)]
    secret: bool,
    /// The `autocomplete` token.
    #[prop(optional)]
    autocomplete: Option<&'static str>,
) -> impl IntoView {
    let shown = RwSignal::new(false);
    let input_type = move || {
        if secret && !shown.get() {
            "password"
        } else {
            "text"
        }
    };
    let described = {
        let id = id.clone();
        move || {
            described_by(
                &id,
                hint.is_some(),
                warning.get().is_some(),
                error.get().is_some(),
            )
        }
    };
    let (hint_id, warning_id, error_id) = (
        format!("{id}-hint"),
        format!("{id}-warning"),
        format!("{id}-error"),
    );
    let toggle = secret.then(|| {
        let controls = id.clone();
        view! {
            <button
                type="button"
                class="m365w-reveal"
                aria-controls=controls
                aria-pressed=move || shown.get().to_string()
                aria-label=move || format!("{} {label}", if shown.get() { "Hide" } else { "Show" })
                on:click=move |_| shown.update(|s| *s = !*s)
            >
                {move || if shown.get() { "Hide" } else { "Show" }}
            </button>
        }
    });
    view! {
        <div class="m365w-field" class:m365w-field-error=move || error.get().is_some()>
            <label class="m365w-label" for=id.clone()>{label}</label>
            {hint.map(|h| view! { <p class="m365w-hint" id=hint_id>{h}</p> })}
            {move || {
                warning
                    .get()
                    .map(|w| {
                        view! {
                            <p class="m365w-warning" id=warning_id.clone()>
                                <span class="m365w-visually-hidden">"Warning: "</span>
                                {w}
                            </p>
                        }
                    })
            }}
            {move || {
                error
                    .get()
                    .map(|e| {
                        view! {
                            <p class="m365w-error-message" id=error_id.clone()>
                                <span class="m365w-visually-hidden">"Error: "</span>
                                {e}
                            </p>
                        }
                    })
            }}
            <div class="m365w-input-row">
                <input
                    class="m365w-input"
                    id=id.clone()
                    name=id.clone()
                    type=input_type
                    autocomplete=autocomplete.unwrap_or("off")
                    spellcheck="false"
                    aria-describedby=described
                    aria-invalid=move || error.get().is_some().then_some("true")
                    prop:value=move || value.get()
                    on:input=move |ev| on_input.run(event_target_value(&ev))
                    on:change=move |_| on_change.run(())
                />
                {toggle}
            </div>
        </div>
    }
}

/// A labelled check box with an optional hint.
#[component]
pub fn CheckField(
    /// The input's page-unique id.
    id: String,
    /// The label, the check box's full text.
    label: &'static str,
    /// Guidance shown under the label.
    #[prop(optional)]
    hint: Option<&'static str>,
    /// Ticked or not.
    #[prop(into)]
    checked: Signal<bool>,
    /// Called with the new state.
    #[prop(into)]
    on_toggle: Callback<bool>,
    /// Whether the box can be changed.
    #[prop(optional, into)]
    disabled: Signal<bool>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    view! {
        <div class="m365w-check">
            <input
                class="m365w-checkbox"
                type="checkbox"
                id=id.clone()
                name=id.clone()
                aria-describedby=hint.map(|_| hint_id.clone())
                prop:checked=move || checked.get()
                disabled=move || disabled.get()
                on:change=move |ev| on_toggle.run(event_target_checked(&ev))
            />
            <label class="m365w-check-label" for=id.clone()>{label}</label>
            {hint.map(|h| view! { <p class="m365w-hint m365w-check-hint" id=hint_id.clone()>{h}</p> })}
        </div>
    }
}
