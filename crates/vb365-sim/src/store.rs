//! What the simulator remembers: issued tokens and added organizations, in memory.

use serde_json::Value;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Tokens and organizations of one simulator run.
#[derive(Default)]
pub struct Store {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    access: HashMap<String, Instant>,
    /// Refresh token to the user and the access token issued with it.
    refresh: HashMap<String, (String, String)>,
    organizations: Vec<Value>,
}

impl Store {
    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // A poisoned lock only means another request panicked mid-way; the
        // maps are still consistent enough for a simulator.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Issues an access and refresh token pair for `user`.
    pub fn issue_tokens(&self, user: &str, lifetime: Duration) -> (String, String) {
        let access = uuid::Uuid::new_v4().simple().to_string();
        let refresh = uuid::Uuid::new_v4().simple().to_string();
        let mut inner = self.lock();
        inner
            .access
            .insert(access.clone(), Instant::now() + lifetime);
        inner
            .refresh
            .insert(refresh.clone(), (user.to_owned(), access.clone()));
        (access, refresh)
    }

    /// Uses up a refresh token; returns the user it was issued to.
    pub fn redeem_refresh(&self, token: &str) -> Option<String> {
        self.lock().refresh.remove(token).map(|(user, _)| user)
    }

    /// Ends the session of a valid access token: it and the refresh token
    /// issued with it stop working. Answers whether the token was valid.
    pub fn end_session(&self, access: &str) -> bool {
        let mut inner = self.lock();
        let valid = inner
            .access
            .remove(access)
            .is_some_and(|expiry| Instant::now() < expiry);
        inner
            .refresh
            .retain(|_, (_, issued_with)| issued_with != access);
        valid
    }

    /// True when `token` was issued and has not expired.
    pub fn access_valid(&self, token: &str) -> bool {
        self.lock()
            .access
            .get(token)
            .is_some_and(|expiry| Instant::now() < *expiry)
    }

    /// Adds an organization unless one with the same name (any case) exists;
    /// answers whether it was added.
    #[must_use]
    pub fn add_organization(&self, organization: Value) -> bool {
        let mut inner = self.lock();
        let name = organization["name"].as_str().unwrap_or_default();
        let taken = inner.organizations.iter().any(|o| {
            o["name"]
                .as_str()
                .is_some_and(|n| n.eq_ignore_ascii_case(name))
        });
        if !taken {
            inner.organizations.push(organization);
        }
        !taken
    }

    /// The organization with this id.
    pub fn organization(&self, id: &str) -> Option<Value> {
        self.lock()
            .organizations
            .iter()
            .find(|o| o["id"].as_str() == Some(id))
            .cloned()
    }

    /// Puts `organization` in the place of the one with this id; answers
    /// whether there was one.
    pub fn replace_organization(&self, id: &str, organization: Value) -> bool {
        let mut inner = self.lock();
        match inner
            .organizations
            .iter_mut()
            .find(|o| o["id"].as_str() == Some(id))
        {
            Some(slot) => {
                *slot = organization;
                true
            }
            None => false,
        }
    }

    /// Every organization, in the order added.
    pub fn organizations(&self) -> Vec<Value> {
        self.lock().organizations.clone()
    }
}
