//! Form fields with their label, hint and inline error tied together for
//! assistive technology (`aria-describedby`, `aria-invalid`).

use leptos::prelude::*;

/// The ids an input's description points at: its hint, warning and error,
/// in reading order, only those shown.
pub(crate) fn described_by(id: &str, hint: bool, warning: bool, error: bool) -> Option<String> {
    let parts: Vec<String> = [(hint, "hint"), (warning, "warning"), (error, "error")]
        .iter()
        .filter(|(shown, _)| *shown)
        .map(|(_, kind)| format!("{id}-{kind}"))
        .collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// Which inline message a field shows.
#[derive(Clone, Copy)]
pub(crate) enum MessageKind {
    Error,
    Warning,
}

/// A field's inline error or warning, shown only while there is one; its id
/// is what the input's `aria-describedby` points at.
#[component]
pub(crate) fn Message(
    id: String,
    kind: MessageKind,
    #[prop(into)] text: Signal<Option<String>>,
) -> impl IntoView {
    let (class, prefix) = match kind {
        MessageKind::Error => ("m365w-error-message", "Error: "),
        MessageKind::Warning => ("m365w-warning", "Warning: "),
    };
    move || {
        text.get().map(|t| {
            view! {
                <p class=class id=id.clone()>
                    <span class="m365w-visually-hidden">{prefix}</span>
                    {t}
                </p>
            }
        })
    }
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
    /// A sentence of the hint that follows other answers (shown after it).
    #[prop(optional, into)]
    hint_detail: Signal<Option<String>>,
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
    warning: Signal<Option<String>>,
    /// Mask the value.
    #[prop(optional)]
    secret: bool,
    /// The `autocomplete` token.
    #[prop(optional)]
    autocomplete: Option<&'static str>,
    /// Shown but not changed (an edited organization's identity).
    #[prop(optional)]
    readonly: bool,
) -> impl IntoView {
    let shown = RwSignal::new(false);
    let input_type = move || {
        if secret && !shown.get() {
            "password"
        } else {
            "text"
        }
    };
    let described = describing(&id, hint.is_some(), warning, error);
    let (hint_id, warning_id, error_id) = (
        format!("{id}-hint"),
        format!("{id}-warning"),
        format!("{id}-error"),
    );
    let toggle =
        secret.then(|| view! { <RevealButton controls=id.clone() label=label shown=shown /> });
    view! {
        <div class="m365w-field" class:m365w-field-error=move || error.get().is_some()>
            <label class="m365w-label" for=id.clone()>{label}</label>
            {hint.map(|h| view! { <p class="m365w-hint" id=hint_id>{h}{move || hint_detail.get().map(|d| format!(" {d}"))}</p> })}
            <Message id=warning_id kind=MessageKind::Warning text=warning />
            <Message id=error_id kind=MessageKind::Error text=error />
            <div class="m365w-input-row">
                <input
                    class="m365w-input"
                    id=id.clone()
                    name=id.clone()
                    type=input_type
                    autocomplete=autocomplete.unwrap_or("off")
                    spellcheck="false"
                    readonly=readonly
                    aria-describedby=described
                    aria-invalid=move || error.get().is_some().then_some("true")
                    prop:value=value
                    on:input=move |ev| on_input.run(event_target_value(&ev))
                    on:change=move |_| on_change.run(())
                />
                {toggle}
            </div>
        </div>
    }
}

/// The field's `aria-describedby`, following its warning and error.
fn describing(
    id: &str,
    hint: bool,
    warning: Signal<Option<String>>,
    error: Signal<Option<String>>,
) -> impl Fn() -> Option<String> + Clone + Send + Sync + 'static {
    let id = id.to_owned();
    move || described_by(&id, hint, warning.get().is_some(), error.get().is_some())
}

/// Show/Hide for a secret field's value.
#[component]
fn RevealButton(
    /// The input it reveals.
    controls: String,
    /// The field's label, for the button's accessible name.
    label: &'static str,
    /// Whether the value is shown.
    shown: RwSignal<bool>,
) -> impl IntoView {
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
}

/// A labelled check box, or with `radio_group` a radio button, with an
/// optional hint.
#[component]
pub fn CheckField(
    /// The input's page-unique id.
    id: String,
    /// The option's full text.
    #[prop(into)]
    label: Signal<&'static str>,
    /// Guidance shown under the label.
    #[prop(optional, into)]
    hint: Signal<Option<&'static str>>,
    /// Ticked (or chosen) or not.
    #[prop(into)]
    checked: Signal<bool>,
    /// Called with the new state when the user changes it.
    #[prop(into)]
    on_toggle: Callback<bool>,
    /// Whether the option can be changed.
    #[prop(optional, into)]
    disabled: Signal<bool>,
    /// Makes this a radio button of the named group.
    #[prop(optional)]
    radio_group: Option<String>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let described = {
        let hint_id = hint_id.clone();
        move || hint.get().map(|_| hint_id.clone())
    };
    let (kind, class) = match radio_group {
        Some(_) => ("radio", "m365w-radio"),
        None => ("checkbox", "m365w-checkbox"),
    };
    view! {
        <div class="m365w-check">
            <input
                class=class
                type=kind
                id=id.clone()
                name=radio_group.unwrap_or_else(|| id.clone())
                aria-describedby=described
                prop:checked=checked
                disabled=disabled
                on:change=move |ev| on_toggle.run(event_target_checked(&ev))
            />
            <label class="m365w-check-label" for=id.clone()>{label}</label>
            {move || {
                hint.get()
                    .map(|h| view! { <p class="m365w-hint m365w-check-hint" id=hint_id.clone()>{h}</p> })
            }}
        </div>
    }
}

/// One choice of a [`RadioGroup`]: its value, input id, label, and
/// optionally a hint and whether it is disabled (with the reason in the hint).
pub struct Choice<T> {
    value: T,
    id: String,
    label: &'static str,
    hint: Signal<Option<&'static str>>,
    disabled: Signal<bool>,
}

impl<T> Choice<T> {
    /// A plain choice.
    pub fn new(value: T, id: String, label: &'static str) -> Self {
        Self {
            value,
            id,
            label,
            hint: Signal::derive(|| None),
            disabled: Signal::derive(|| false),
        }
    }

    /// With guidance under the label (or the reason it is disabled).
    pub fn hint(mut self, hint: impl Into<Signal<Option<&'static str>>>) -> Self {
        self.hint = hint.into();
        self
    }

    /// Disabled while `disabled` holds.
    pub fn disabled(mut self, disabled: impl Into<Signal<bool>>) -> Self {
        self.disabled = disabled.into();
        self
    }

    /// Disabled while `refused` gives a reason, which is then its hint;
    /// otherwise `about` is.
    pub fn refused_when(
        self,
        refused: impl Fn() -> Option<&'static str> + Copy + Send + Sync + 'static,
        about: &'static str,
    ) -> Self {
        self.hint(Signal::derive(move || refused().or(Some(about))))
            .disabled(Signal::derive(move || refused().is_some()))
    }
}

/// Radio buttons under a legend: one of `choices`, `chosen` the one ticked;
/// `on_choose` hears each new choice. Every radio group of the wizard is one.
#[component]
pub fn RadioGroup<T>(
    /// The fieldset's page-unique id (its hint and error ids derive from it).
    id: String,
    /// The radio buttons' shared name.
    name: String,
    /// The question the group answers.
    legend: &'static str,
    /// Guidance under the legend.
    #[prop(optional_no_strip)]
    hint: Option<&'static str>,
    /// The group's error, if any.
    #[prop(optional, into)]
    error: Signal<Option<String>>,
    /// The choices, in page order.
    choices: Vec<Choice<T>>,
    /// The value chosen now.
    #[prop(into)]
    chosen: Signal<T>,
    /// Called with a newly chosen value.
    #[prop(into)]
    on_choose: Callback<T>,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    let buttons = choices
        .into_iter()
        .map(|choice| {
            let value = choice.value;
            view! {
                <CheckField
                    id=choice.id
                    label=choice.label
                    hint=choice.hint
                    radio_group=name.clone()
                    checked=Signal::derive(move || chosen.get() == value)
                    disabled=choice.disabled
                    on_toggle=move |on| {
                        if on {
                            on_choose.run(value);
                        }
                    }
                />
            }
        })
        .collect_view();
    view! { <Fieldset id=id legend=legend hint=hint error=error>{buttons}</Fieldset> }
}

/// A group of check boxes or radio buttons under a legend, with the group's
/// hint and error tied to it.
#[component]
pub fn Fieldset(
    /// Page-unique id; the hint and error ids derive from it.
    id: String,
    /// The question the group answers.
    legend: &'static str,
    /// Guidance under the legend.
    #[prop(optional_no_strip)]
    hint: Option<&'static str>,
    /// The group's error, if any.
    #[prop(optional, into)]
    error: Signal<Option<String>>,
    children: Children,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = {
        let id = id.clone();
        move || described_by(&id, hint.is_some(), false, error.get().is_some())
    };
    view! {
        <fieldset
            class="m365w-fieldset"
            class:m365w-field-error=move || error.get().is_some()
            aria-describedby=described
        >
            <legend class="m365w-legend">{legend}</legend>
            {hint.map(|h| view! { <p class="m365w-hint" id=hint_id>{h}</p> })}
            <Message id=error_id kind=MessageKind::Error text=error />
            {children()}
        </fieldset>
    }
}
