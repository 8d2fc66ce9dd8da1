//! Every organization on the server with its connection state, as "Check
//! connections" reads it: the organizations page by page, then the states
//! by version (v8 one `GET /Organizations/SyncState` for all; v7 one
//! `GET /Organizations/{id}/SyncState` per app-only organization, at most
//! four in flight, each row filled as its answer arrives; v6 the jobs
//! only). v6 and v7 also read their jobs (one request). On v8 the jobs are
//! left unread: `make bench` holds v8 to the organizations' pages and one
//! request more, and the sync state is the stronger sign.

use super::sending::Sender;
use super::state::Shared;
use super::sync_wait::yield_now;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::cell::Cell;
// BTreeMap rather than BTreeMap: the first module uses hashbrown, and a
// second user of the same code there makes LLVM keep it out of line.
use std::collections::BTreeMap;
use std::rc::Rc;
use std::sync::Arc;
use wizard_core::flow::OrganizationId;
use wizard_core::health::{
    Health, JobSummary, Reading, classify, read_jobs, read_sync_list, read_sync_one,
};
use wizard_core::server::{ApiError, ApiVersion, ServerOrganization};

/// How many v7 states are asked at once.
const IN_FLIGHT: usize = 4;

/// Organizations per v8 page here: a page that comes back full needs one
/// more request to learn it was the last (the page carries no total), so
/// with 1,000 a page the reads are ⌊N/1000⌋ + 1 pages and the states'
/// request, within the ⌈N/500⌉ + 1 `make bench` holds v8 to for every N
/// from 1; a page of 1,000 is still read well within a 50 ms task.
const PAGE: usize = 1000;

/// The organizations and their states, as they arrive.
#[derive(Clone, Copy)]
pub struct Fleet {
    /// Every organization, in the server's order.
    pub organizations: RwSignal<Arc<Vec<ServerOrganization>>>,
    /// Each organization's state, by the same index.
    pub healths: RwSignal<Vec<Health>>,
    /// What the server said of each organization's sync, by index.
    readings: StoredValue<Vec<Reading>>,
    /// Each organization's jobs, by id.
    jobs: StoredValue<BTreeMap<String, JobSummary>>,
    /// States still being read (v7).
    pub pending: RwSignal<usize>,
    /// The server's version.
    pub version: RwSignal<Option<ApiVersion>>,
}

impl Fleet {
    /// An empty fleet.
    pub fn new() -> Fleet {
        Fleet {
            organizations: RwSignal::new(Arc::new(Vec::new())),
            healths: RwSignal::new(Vec::new()),
            readings: StoredValue::new(Vec::new()),
            jobs: StoredValue::new(BTreeMap::new()),
            pending: RwSignal::new(0),
            version: RwSignal::new(None),
        }
    }

    /// A fleet already read: `organizations` with these `readings`, on a
    /// server of `version` (the component tests draw the list from it).
    #[cfg(all(test, target_arch = "wasm32"))]
    pub fn read(
        organizations: Vec<ServerOrganization>,
        readings: Vec<Reading>,
        version: ApiVersion,
    ) -> Fleet {
        let fleet = Fleet::new();
        fleet.readings.set_value(readings);
        fleet.version.set(Some(version));
        fleet.organizations.set(Arc::new(organizations));
        fleet.classify_all();
        fleet
    }

    /// Reads everything; `read` is told how many organizations have
    /// arrived while the pages come.
    pub async fn read_all(
        self,
        shared: Shared,
        sender: Sender,
        read: impl Fn(usize) + Clone + 'static,
    ) -> Result<(), ApiError> {
        let all = sender
            .authorised(shared, |client, token| {
                let read = read.clone();
                async move { client.organizations_in_pages(&token, PAGE, read).await }
            })
            .await?;
        self.read_states(shared, &sender, all).await
    }

    /// Reads the states of `all` (the organizations the caller read), by
    /// the server's version.
    pub async fn read_states(
        self,
        shared: Shared,
        sender: &Sender,
        all: Vec<ServerOrganization>,
    ) -> Result<(), ApiError> {
        let version = sender.client.version().await?;
        let first = if version == ApiVersion::V6 {
            Reading::NotKept
        } else {
            Reading::Waiting
        };
        self.readings.set_value(vec![first; all.len()]);
        self.jobs.set_value(BTreeMap::new());
        self.version.try_set(Some(version));
        self.organizations.try_set(Arc::new(all));
        self.classify_all();
        match version {
            ApiVersion::V8 => self.read_v8(shared, sender).await,
            ApiVersion::V7 => {
                self.read_jobs(shared, sender).await;
                self.read_each(shared, sender.clone());
            }
            ApiVersion::V6 => self.read_jobs(shared, sender).await,
        }
        Ok(())
    }

    /// Every row's state from what is known now.
    fn classify_all(self) {
        let organizations = self.organizations.get_untracked();
        let healths = self.readings.with_value(|readings| {
            self.jobs.with_value(|jobs| {
                organizations
                    .iter()
                    .zip(readings)
                    .map(|(o, r)| classify(o.method(), r, jobs.get(&o.id)))
                    .collect()
            })
        });
        self.healths.try_set(healths);
    }

    /// One row's state, with `reading` for it.
    pub fn settle(self, index: usize, reading: Reading) {
        let organizations = self.organizations.get_untracked();
        let Some(organization) = organizations.get(index) else {
            return;
        };
        let health = self.jobs.with_value(|jobs| {
            classify(organization.method(), &reading, jobs.get(&organization.id))
        });
        self.readings.update_value(|r| {
            if let Some(slot) = r.get_mut(index) {
                *slot = reading;
            }
        });
        self.healths.try_update(|h| {
            if let Some(slot) = h.get_mut(index) {
                *slot = health;
            }
        });
    }

    /// v8: one request for every state.
    async fn read_v8(self, shared: Shared, sender: &Sender) {
        let answer = sender
            .authorised(shared, |client, token| async move {
                client.read_text(&token, "Organizations/SyncState").await
            })
            .await;
        let readings = match answer.map(|text| read_sync_list(&text)) {
            Ok(Ok(list)) => {
                // Each state moved to its organization's place, none cloned.
                let organizations = self.organizations.get_untracked();
                let place: BTreeMap<&str, usize> = organizations
                    .iter()
                    .enumerate()
                    .map(|(i, o)| (o.id.as_str(), i))
                    .collect();
                let mut readings = vec![Reading::Absent; organizations.len()];
                for (id, report) in list {
                    if let Some(&i) = place.get(id.as_str()) {
                        readings[i] = match report {
                            Ok(report) => Reading::Report(report),
                            Err(why) => Reading::Failed(why.reason().to_owned()),
                        };
                    }
                }
                readings
            }
            Ok(Err(why)) => self.all_failed(why.reason().to_owned()),
            Err(e) => self.all_failed(format!("The sync states could not be read: {e}")),
        };
        // Reading the states, classifying them and drawing the list are
        // three tasks: none of them blocks the page over 50 ms (`make bench`).
        yield_now().await;
        self.readings.set_value(readings);
        self.classify_all();
        yield_now().await;
    }

    fn all_failed(self, why: String) -> Vec<Reading> {
        let n = self.organizations.with_untracked(|o| o.len());
        vec![Reading::Failed(why); n]
    }

    /// v6 and v7: the jobs, one request.
    async fn read_jobs(self, shared: Shared, sender: &Sender) {
        let answer = sender
            .authorised(shared, |client, token| async move {
                client.read_text(&token, "Jobs").await
            })
            .await;
        let Ok(Ok(page)) = answer.map(|text| read_jobs(&text)) else {
            // Jobs are a second sign: without them the states stand alone.
            return;
        };
        let mut jobs: BTreeMap<String, JobSummary> = BTreeMap::new();
        for (id, summary) in page.jobs {
            jobs.entry(id).or_default().merge(&summary);
        }
        self.jobs.set_value(jobs);
        self.classify_all();
    }

    /// v7: each app-only organization's state, at most [`IN_FLIGHT`] at
    /// once, each row settled as its answer arrives.
    fn read_each(self, shared: Shared, sender: Sender) {
        let organizations = self.organizations.get_untracked();
        let queue: Rc<Vec<usize>> = Rc::new(
            organizations
                .iter()
                .enumerate()
                .filter(|(_, o)| o.method() == wizard_core::answers::AuthMethod::AppOnly)
                .map(|(i, _)| i)
                .collect(),
        );
        self.pending.try_set(queue.len());
        let next = Rc::new(Cell::new(0));
        for _ in 0..IN_FLIGHT.min(queue.len()) {
            let (queue, next, sender) = (queue.clone(), next.clone(), sender.clone());
            let organizations = organizations.clone();
            spawn_local(async move {
                loop {
                    let at = next.get();
                    let Some(&index) = queue.get(at) else {
                        return;
                    };
                    next.set(at + 1);
                    let reading = self
                        .read_one(shared, &sender, &organizations[index].id)
                        .await;
                    self.settle(index, reading);
                    if self
                        .pending
                        .try_update(|n| *n = n.saturating_sub(1))
                        .is_none()
                    {
                        return;
                    }
                }
            });
        }
    }

    /// One organization's state (v7 and v8).
    pub async fn read_one(self, shared: Shared, sender: &Sender, id: &str) -> Reading {
        let Some(id) = OrganizationId::parse(id) else {
            return Reading::Failed(
                "The backup server gave this organization an id the wizard cannot use in an address."
                    .to_owned(),
            );
        };
        let resource = format!("{}/SyncState", id.resource());
        let answer = sender
            .authorised(shared, |client, token| {
                let resource = resource.clone();
                async move { client.read_text(&token, &resource).await }
            })
            .await;
        match answer.map(|text| read_sync_one(&text)) {
            Ok(Ok(report)) => Reading::Report(report),
            Ok(Err(why)) => Reading::Failed(why.reason().to_owned()),
            Err(ApiError::Rejected { status: 404, .. }) => Reading::Failed(
                "The organization is no longer on the backup server: it may have been removed meanwhile."
                    .to_owned(),
            ),
            Err(e) => Reading::Failed(format!("The sync state could not be read: {e}")),
        }
    }
}
