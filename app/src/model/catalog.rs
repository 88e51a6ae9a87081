//! The published profiles, held in memory and listed domain → group → skill.

use super::{Figures, Profile};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// One line of the catalog: what the list page needs of a profile, without its cells.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogEntry {
    /// URL name.
    pub slug: String,
    /// Display title.
    pub title: String,
    /// Summary line.
    pub summary: String,
    /// Domain name.
    pub domain: String,
    /// Group name.
    pub group: String,
    /// Header figures.
    pub figures: Figures,
}

impl From<&Profile> for CatalogEntry {
    fn from(profile: &Profile) -> Self {
        Self {
            slug: profile.slug().to_string(),
            title: profile.title().to_owned(),
            summary: profile.summary().to_owned(),
            domain: profile.domain().to_owned(),
            group: profile.group().to_owned(),
            figures: profile.figures(),
        }
    }
}

/// Every published profile, ordered by domain, group and title, found by slug in O(1).
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    profiles: Vec<Profile>,
    by_slug: HashMap<String, usize>,
}

impl Catalog {
    /// Builds the catalog. Slugs must be unique: the caller reports duplicates with their
    /// locations, so here a later duplicate is simply ignored.
    pub fn new(mut profiles: Vec<Profile>) -> Self {
        profiles.sort_by(|a, b| {
            (a.domain(), a.group(), a.title()).cmp(&(b.domain(), b.group(), b.title()))
        });
        let mut by_slug = HashMap::with_capacity(profiles.len());
        for (i, profile) in profiles.iter().enumerate() {
            by_slug.entry(profile.slug().to_string()).or_insert(i);
        }
        Self { profiles, by_slug }
    }

    /// The profile with this slug.
    pub fn get(&self, slug: &str) -> Option<&Profile> {
        self.by_slug.get(slug).map(|&i| &self.profiles[i])
    }

    /// All profiles in catalog order.
    pub fn profiles(&self) -> &[Profile] {
        &self.profiles
    }

    /// The list page's lines, in catalog order.
    pub fn entries(&self) -> Vec<CatalogEntry> {
        self.profiles.iter().map(CatalogEntry::from).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::profile::tests::parts;
    use crate::model::Slug;

    fn profile(slug: &str, domain: &str, title: &str) -> Profile {
        let mut p = parts();
        p.slug = Slug::parse(slug).unwrap();
        p.domain = domain.into();
        p.title = title.into();
        Profile::try_from(p).unwrap()
    }

    #[test]
    fn the_catalog_is_ordered_by_domain_then_group_then_title() {
        let catalog = Catalog::new(vec![
            profile("c", "Infrastructure", "Observability"),
            profile("b", "Database Management", "Replication"),
            profile("a", "Database Management", "Backup"),
        ]);
        let slugs: Vec<_> = catalog.entries().into_iter().map(|e| e.slug).collect();
        assert_eq!(slugs, ["a", "b", "c"]);
    }

    #[test]
    fn profiles_are_found_by_slug_and_unknown_slugs_are_not() {
        let catalog = Catalog::new(vec![profile("backup", "D", "Backup")]);
        assert_eq!(catalog.get("backup").unwrap().title(), "Backup");
        assert!(catalog.get("nope").is_none());
    }
}
