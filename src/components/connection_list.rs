//! The list of "Check connections": those that need attention first,
//! "Needs attention (N)" to narrow it to them, the filter working inside
//! it, the count said politely to screen readers, "Download CSV" of the
//! list as filtered, and the first rows drawn.

use super::connection_row::ConnectionRow;
use super::fleet::Fleet;
use super::organization_filter::OrganizationFilter;
use crate::instance::Ids;
use leptos::prelude::*;
use wizard_core::flow::SHOWN;
use wizard_core::health::{
    CsvRow, attention_count, attention_order, attention_summary, view_summary, write_csv,
};

/// The toolbar, the sentences and the rows.
#[component]
pub fn ConnectionList(fleet: Fleet) -> impl IntoView {
    let ids = expect_context::<Ids>();
    let query = RwSignal::new(String::new());
    let attention_only = RwSignal::new(false);
    // What the last "Check again" found, said once.
    let said = RwSignal::new(String::new());
    let order = Memo::new(move |_| fleet.healths.with(|h| attention_order(h)));
    let count = Memo::new(move |_| fleet.healths.with(|h| attention_count(h)));
    let matching = Memo::new(move |_| {
        let only = attention_only.get();
        let organizations = fleet.organizations.get();
        query.with(|q| {
            fleet.healths.with(|healths| {
                order.with(|order| {
                    order
                        .iter()
                        .copied()
                        .filter(|&i| !only || healths.get(i).is_some_and(|h| h.needs_attention()))
                        .filter(|&i| organizations.get(i).is_some_and(|o| o.matches(q)))
                        .collect::<Vec<usize>>()
                })
            })
        })
    });
    let total = move || fleet.organizations.with(|o| o.len());
    let summary = move || attention_summary(total(), count.get(), fleet.pending.get());
    let shown = move || view_summary(total(), matching.with(Vec::len), attention_only.get());
    // The first rows are drawn a few per task, so no task of the list's
    // first drawing blocks the page over 50 ms (`make bench`).
    let drawn = RwSignal::new(ROWS_PER_TASK);
    draw_more(drawn);
    // Only the rows drawn are cloned: thousands of states stay where they are.
    let rows = move || {
        let drawn = drawn.get();
        fleet.healths.with(|healths| {
            matching.with(|m| {
                m.iter()
                    .take(drawn)
                    .filter_map(|&i| Some((i, healths.get(i)?.clone())))
                    .collect::<Vec<_>>()
            })
        })
    };
    let download = move |_| download_csv(fleet, &matching.get_untracked());
    view! {
        <div class="m365w-toolbar">
            <button
                type="button"
                class="m365w-button m365w-secondary m365w-toggle"
                aria-pressed=move || attention_only.get().to_string()
                on:click=move |_| attention_only.update(|on| *on = !*on)
            >
                {move || format!("Needs attention ({})", count.get())}
            </button>
            <button type="button" class="m365w-button m365w-secondary" on:click=download>
                "Download CSV"
            </button>
        </div>
        <OrganizationFilter id=ids.id("connection-filter") value=query />
        <p class="m365w-status" role="status">{summary}</p>
        <p class="m365w-status">{shown}</p>
        <p class="m365w-live" role="status">{move || said.get()}</p>
        <ul class="m365w-connections">
            <For
                each=rows
                key=|(i, h)| (*i, h.label.clone(), h.checked, h.note.clone())
                children=move |(index, health)| {
                    view! { <ConnectionRow fleet=fleet index=index health=health said=said /> }
                }
            />
        </ul>
    }
}

/// Rows drawn per task while the list first appears.
const ROWS_PER_TASK: usize = 12;

/// Raises `drawn` by [`ROWS_PER_TASK`] a task at a time, up to [`SHOWN`].
fn draw_more(drawn: RwSignal<usize>) {
    set_timeout(
        move || {
            let Some(now) = drawn.try_get_untracked() else {
                return;
            };
            if now < SHOWN {
                drawn.try_set((now + ROWS_PER_TASK).min(SHOWN));
                draw_more(drawn);
            }
        },
        std::time::Duration::ZERO,
    );
}

/// "Download CSV": the rows `matching` names, in the list's order.
fn download_csv(fleet: Fleet, matching: &[usize]) {
    let organizations = fleet.organizations.get_untracked();
    let healths = fleet.healths.get_untracked();
    let lines: Vec<(usize, String, String)> = matching
        .iter()
        .filter_map(|&i| {
            let h = healths.get(i)?;
            let checked = h.checked.map(certificate::rfc3339).unwrap_or_default();
            let thumbprint = organizations.get(i)?.thumbprint().unwrap_or_default();
            Some((i, checked, thumbprint))
        })
        .collect();
    let rows: Vec<CsvRow<'_>> = lines
        .iter()
        .map(|(i, checked, thumbprint)| {
            let (o, h) = (&organizations[*i], &healths[*i]);
            CsvRow {
                name: &o.name,
                method: o.method().label(),
                state: &h.label,
                reason: h.reason.as_deref().unwrap_or_default(),
                expiry: h.expiry.as_deref().unwrap_or_default(),
                thumbprint,
                checked,
            }
        })
        .collect();
    let _ = crate::files::download(
        "connections.csv",
        write_csv(&rows).as_bytes(),
        "text/csv;charset=utf-8",
    );
}
