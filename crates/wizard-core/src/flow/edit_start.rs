//! How an edit starts, as a host or the static page's link asks for it: the
//! organization's id, checked before it can reach a URL.

/// The id of an organization to edit, as a host or a link gives it: the
/// server's ids are GUIDs, and anything else (a path, a query) is refused
/// before it can reach a URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganizationId(String);

impl OrganizationId {
    /// The id, if `text` can be one: letters, digits and hyphens, at most
    /// 64 of them.
    pub fn parse(text: &str) -> Option<OrganizationId> {
        let text = text.trim();
        (!text.is_empty()
            && text.len() <= 64
            && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        .then(|| OrganizationId(text.to_owned()))
    }

    /// The id as given.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `Organizations/{id}`, for the version's URL.
    pub fn resource(&self) -> String {
        format!("Organizations/{}", self.0)
    }
}

/// How an edit starts, as a host or the static page's URL asks for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditStart {
    /// The person chooses from the server's organizations.
    Choose,
    /// This organization (the Organization step is skipped).
    Organization(OrganizationId),
}

impl EditStart {
    /// From the static page's query: `?organization=<id>` edits that one,
    /// `?edit` (or an empty `organization`) lists them; neither adds. An
    /// id that cannot be one is refused, with the reason.
    pub fn from_query(query: &str) -> Result<Option<EditStart>, String> {
        let pairs = form_urlencoded::parse(query.trim_start_matches('?').as_bytes());
        let mut start = None;
        for (key, value) in pairs {
            match key.as_ref() {
                "organization" if !value.trim().is_empty() => {
                    let id = OrganizationId::parse(&value).ok_or_else(|| {
                        format!("The link's organization ({value}) is not an organization's id. Choose the organization from the list instead: open the page with ?edit.")
                    })?;
                    start = Some(EditStart::Organization(id));
                }
                "organization" | "edit" => {
                    start = start.or(Some(EditStart::Choose));
                }
                _ => {}
            }
        }
        Ok(start)
    }

    /// Whether the static page's query asks for "Check connections"
    /// (`?check`); an edit's parameters win over it.
    pub fn checks_connections(query: &str) -> bool {
        let pairs = form_urlencoded::parse(query.trim_start_matches('?').as_bytes());
        let mut check = false;
        for (key, _) in pairs {
            match key.as_ref() {
                "edit" | "organization" => return false,
                "check" => check = true,
                _ => {}
            }
        }
        check
    }

    /// The query that opens another task on the static page (`to`: `edit`
    /// or `check`; `None` adds), keeping every other parameter (`apiBase`,
    /// `apiVersion`…) as it was written: nothing is decoded and encoded
    /// again, so the page's first module carries no URL encoder.
    pub fn switch_query(query: &str, to: Option<&str>) -> String {
        let [one] = Self::switch_queries(query, [to]);
        one
    }

    /// [`EditStart::switch_query`] for each of `to` (the page links two
    /// tasks: one call keeps the first module's code inlined once).
    pub fn switch_queries<const N: usize>(query: &str, to: [Option<&str>; N]) -> [String; N] {
        let kept: Vec<&str> = query
            .trim_start_matches('?')
            .split('&')
            .filter(|part| {
                let key = form_urlencoded::parse(part.as_bytes())
                    .next()
                    .map(|(key, _)| key);
                !matches!(
                    key.as_deref(),
                    None | Some("edit" | "organization" | "check")
                )
            })
            .collect();
        let kept = kept.join("&");
        to.map(|task| {
            let mut text = kept.clone();
            if let Some(task) = task {
                if !text.is_empty() {
                    text.push('&');
                }
                text.push_str(task);
            }
            format!("?{text}")
        })
    }
}
