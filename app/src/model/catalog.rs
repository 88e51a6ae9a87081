//! The published profiles, held in memory: listed domain → group → skill, searched, paged,
//! and read across skills as one role's ladder.

use super::search::{Matches, Query, Searchable, MAX_QUERY_CHARS};
use super::{slugify, Figures, Level, Profile, Role};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Skills on one page of the catalog or of a role ladder: enough to scan, small enough that
/// a 5,000-skill catalog renders in milliseconds.
pub const PAGE_SIZE: usize = 50;

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
    /// The roles where the skill appears.
    pub roles: Vec<Role>,
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
            roles: profile.roles().to_vec(),
        }
    }
}

/// A skill found by a search, with what to highlight.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hit {
    /// The skill.
    pub entry: CatalogEntry,
    /// Matched ranges; empty when there was no query.
    pub matches: Matches,
}

/// A domain or group as a name and its URL name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Named {
    /// Display name.
    pub name: String,
    /// URL name, `database-management`.
    pub slug: String,
}

impl Named {
    pub(crate) fn new(name: &str) -> Self {
        Self {
            name: name.to_owned(),
            slug: slugify(name),
        }
    }
}

/// A group of a domain and how many skills it has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupSummary {
    /// Name and URL name.
    pub group: Named,
    /// Skills in the group.
    pub skills: usize,
}

/// A domain, its groups and how many skills it has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DomainSummary {
    /// Name and URL name.
    pub domain: Named,
    /// Skills in the domain.
    pub skills: usize,
    /// Its groups, in catalog order.
    pub groups: Vec<GroupSummary>,
}

/// A role and how many skills it appears in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleSummary {
    /// Id and display name.
    pub role: Role,
    /// Skills where the role appears.
    pub skills: usize,
}

/// Which part of the catalog to show: everything, one domain, or one group of a domain.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scope {
    /// Domain URL name.
    pub domain: Option<String>,
    /// Group URL name, within the domain.
    pub group: Option<String>,
}

/// The part of the catalog a list page shows, without its skills: what stays put while
/// the reader searches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScopeView {
    /// The domain shown, when scoped.
    pub domain: Option<Named>,
    /// The group shown, when scoped to one.
    pub group: Option<Named>,
    /// Skills in the scope.
    pub skills: usize,
    /// The whole catalog's domains and groups, for navigation.
    pub domains: Vec<DomainSummary>,
    /// Every role, by name, for the ladders.
    pub roles: Vec<RoleSummary>,
}

/// One page of the skills of a scope that match a search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchResults {
    /// The search as used (cut to the search limit).
    pub query: String,
    /// The skills of this page: best match first, or in catalog order without a query.
    pub hits: Vec<Hit>,
    /// Skills matching, over all pages.
    pub total: usize,
    /// This page, from 1.
    pub page: usize,
    /// Number of pages (at least 1).
    pub pages: usize,
}

/// The skills before and after one skill in its group.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Neighbours {
    /// The previous skill in the group: (slug, title).
    pub previous: Option<(String, String)>,
    /// The next skill in the group: (slug, title).
    pub next: Option<(String, String)>,
}

/// One skill in a role's ladder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LadderRow {
    /// Skill URL name.
    pub slug: String,
    /// Skill title.
    pub title: String,
    /// Its domain and group, for context.
    pub domain: String,
    /// Group name.
    pub group: String,
    /// Per level of the ladder: `Some(required)` when the skill has the level, else `None`.
    pub required: Vec<Option<bool>>,
    /// The expectation at the chosen level, when the skill has it.
    pub text: Option<String>,
}

/// One role across every skill where it appears: the career-ladder view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleLadder {
    /// The role.
    pub role: Role,
    /// The levels of its skills, lowest first.
    pub levels: Vec<Level>,
    /// The chosen level, an index into `levels`.
    pub level: usize,
    /// Per level over all skills: (required, optional).
    pub counts: Vec<(usize, usize)>,
    /// This page of skills, in catalog order.
    pub rows: Vec<LadderRow>,
    /// Skills where the role appears.
    pub total: usize,
    /// This page, from 1.
    pub page: usize,
    /// Number of pages (at least 1).
    pub pages: usize,
}

/// Every published profile, ordered by domain, group and title, found by slug in O(1).
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    profiles: Vec<Profile>,
    /// Each profile's text folded for search, by position.
    searchable: Vec<Searchable>,
    by_slug: HashMap<String, usize>,
    domains: Vec<DomainSummary>,
    roles: Vec<RoleSummary>,
    /// The levels of every skill's scale, in the order they first appear.
    levels: Vec<Level>,
    /// The same per role id, over the skills where the role appears: what a ladder, plan
    /// or comparison of the role offers, made once rather than per request.
    role_levels: HashMap<String, Vec<Level>>,
}

/// Adds `profile`'s levels that `levels` lacks, keeping the order they first appear.
fn add_levels(levels: &mut Vec<Level>, profile: &Profile) {
    for l in profile.levels() {
        if !levels.iter().any(|known| known.id == l.id) {
            levels.push(l.clone());
        }
    }
}

impl Catalog {
    /// Builds the catalog. Slugs must be unique and a role id must name one role: the
    /// loader reports both with their locations, so here a later duplicate is ignored and
    /// the first name of a role wins.
    pub fn new(mut profiles: Vec<Profile>) -> Self {
        profiles.sort_by(|a, b| {
            (a.domain(), a.group(), a.title()).cmp(&(b.domain(), b.group(), b.title()))
        });
        let mut by_slug = HashMap::with_capacity(profiles.len());
        let mut domains: Vec<DomainSummary> = Vec::new();
        let mut roles: HashMap<&str, RoleSummary> = HashMap::new();
        for (i, profile) in profiles.iter().enumerate() {
            by_slug.entry(profile.slug().to_string()).or_insert(i);
            if domains
                .last()
                .is_none_or(|d| d.domain.name != profile.domain())
            {
                domains.push(DomainSummary {
                    domain: Named::new(profile.domain()),
                    skills: 0,
                    groups: Vec::new(),
                });
            }
            if let Some(domain) = domains.last_mut() {
                domain.skills += 1;
                if domain
                    .groups
                    .last()
                    .is_none_or(|g| g.group.name != profile.group())
                {
                    domain.groups.push(GroupSummary {
                        group: Named::new(profile.group()),
                        skills: 0,
                    });
                }
                if let Some(group) = domain.groups.last_mut() {
                    group.skills += 1;
                }
            }
            for role in profile.roles() {
                roles
                    .entry(role.id.as_str())
                    .or_insert_with(|| RoleSummary {
                        role: role.clone(),
                        skills: 0,
                    })
                    .skills += 1;
            }
        }
        let mut levels = Vec::new();
        let mut role_levels: HashMap<String, Vec<Level>> = HashMap::new();
        for profile in &profiles {
            add_levels(&mut levels, profile);
            for role in profile.roles() {
                add_levels(role_levels.entry(role.id.to_string()).or_default(), profile);
            }
        }
        let mut roles: Vec<RoleSummary> = roles.into_values().collect();
        roles.sort_by(|a, b| a.role.name.cmp(&b.role.name));
        let searchable = profiles
            .iter()
            .map(|p| {
                Searchable::new(
                    p.title(),
                    p.summary(),
                    p.roles().iter().map(|r| r.name.as_str()),
                )
            })
            .collect();
        Self {
            profiles,
            searchable,
            by_slug,
            domains,
            roles,
            levels,
            role_levels,
        }
    }

    /// The levels of every skill's scale, in the order they first appear.
    pub fn levels(&self) -> &[Level] {
        &self.levels
    }

    /// The levels of the skills where `role` (an id) appears; empty for an unknown role.
    pub fn role_levels(&self, role: &str) -> &[Level] {
        self.role_levels.get(role).map_or(&[], Vec::as_slice)
    }

    /// The profile with this slug.
    pub fn get(&self, slug: &str) -> Option<&Profile> {
        self.by_slug.get(slug).map(|&i| &self.profiles[i])
    }

    /// All profiles in catalog order.
    pub fn profiles(&self) -> &[Profile] {
        &self.profiles
    }

    /// Domains with their groups, in catalog order.
    pub fn domains(&self) -> &[DomainSummary] {
        &self.domains
    }

    /// Every role of the catalog, by name.
    pub fn roles(&self) -> &[RoleSummary] {
        &self.roles
    }

    /// Names and navigation of a scope; `None` when it names an unknown domain or group.
    pub fn scope(&self, scope: &Scope) -> Option<ScopeView> {
        let (domain, group) = self.resolve(scope)?;
        Some(ScopeView {
            domain: domain.map(|d| d.domain.clone()),
            group: group.map(|g| g.group.clone()),
            skills: group.map_or_else(
                || domain.map_or(self.profiles.len(), |d| d.skills),
                |g| g.skills,
            ),
            domains: self.domains.clone(),
            roles: self.roles.clone(),
        })
    }

    /// One page of the skills in `scope` that match `query`: best match first, ties and the
    /// empty query in catalog order. `None` when the scope names an unknown domain or group.
    /// Pages past the last show the last.
    pub fn search(&self, scope: &Scope, query: &str, page: usize) -> Option<SearchResults> {
        let (domain, group) = self.resolve(scope)?;
        let in_scope = |p: &Profile| {
            domain.is_none_or(|d| d.domain.name == p.domain())
                && group.is_none_or(|g| g.group.name == p.group())
        };
        let query: String = query.chars().take(MAX_QUERY_CHARS).collect();
        let parsed = Query::parse(&query);
        let mut found: Vec<(u32, usize)> = Vec::new();
        for (i, (profile, searchable)) in self.profiles.iter().zip(&self.searchable).enumerate() {
            if !in_scope(profile) {
                continue;
            }
            if parsed.is_empty() {
                found.push((0, i));
            } else if let Some(score) = parsed.score(searchable) {
                found.push((score, i));
            }
        }
        // Stable: equal scores keep catalog order.
        found.sort_by_key(|hit| std::cmp::Reverse(hit.0));
        let total = found.len();
        let (page, pages, range) = paginate(total, page);
        // Matches are marked for the skills shown only.
        let hits = found[range]
            .iter()
            .map(|&(_, i)| Hit {
                entry: CatalogEntry::from(&self.profiles[i]),
                matches: if parsed.is_empty() {
                    Matches::default()
                } else {
                    parsed.matches(&self.searchable[i])
                },
            })
            .collect();
        Some(SearchResults {
            query,
            hits,
            total,
            page,
            pages,
        })
    }

    fn resolve(&self, scope: &Scope) -> Option<(Option<&DomainSummary>, Option<&GroupSummary>)> {
        let domain = match &scope.domain {
            Some(slug) => Some(self.domains.iter().find(|d| d.domain.slug == *slug)?),
            None => None,
        };
        let group = match (&scope.group, domain) {
            (Some(slug), Some(domain)) => {
                Some(domain.groups.iter().find(|g| g.group.slug == *slug)?)
            }
            (Some(_), None) => return None,
            (None, _) => None,
        };
        Some((domain, group))
    }

    /// The skills before and after `slug` in its group, in catalog order.
    pub fn neighbours(&self, slug: &str) -> Neighbours {
        let Some(&i) = self.by_slug.get(slug) else {
            return Neighbours::default();
        };
        let here = &self.profiles[i];
        let same_group = |p: &&Profile| p.domain() == here.domain() && p.group() == here.group();
        let link = |p: &Profile| (p.slug().to_string(), p.title().to_owned());
        Neighbours {
            previous: i
                .checked_sub(1)
                .and_then(|j| self.profiles.get(j))
                .filter(same_group)
                .map(link),
            next: self.profiles.get(i + 1).filter(same_group).map(link),
        }
    }

    /// What `role` is expected to know in every skill where it appears, with the texts of
    /// `level` (a level id; the lowest level when unknown or absent). `None` for an unknown role.
    pub fn ladder(&self, role: &str, level: Option<&str>, page: usize) -> Option<RoleLadder> {
        let summary = self.roles.iter().find(|r| r.role.id.as_str() == role)?;
        let skills: Vec<(&Profile, usize)> = self
            .profiles
            .iter()
            .filter_map(|p| Some((p, p.role_index(role)?)))
            .collect();
        let levels = self.role_levels(role).to_vec();
        let chosen = level
            .and_then(|id| levels.iter().position(|l| l.id.as_str() == id))
            .unwrap_or(0);
        let mut counts = vec![(0, 0); levels.len()];
        let mut rows = Vec::with_capacity(skills.len().min(PAGE_SIZE));
        let (page, pages, range) = paginate(skills.len(), page);
        for (n, (profile, r)) in skills.iter().enumerate() {
            let required: Vec<Option<bool>> = levels
                .iter()
                .map(|l| {
                    let at = profile.level_index(l.id.as_str())?;
                    profile.cell(at, *r).map(|c| c.required)
                })
                .collect();
            for (count, cell) in counts.iter_mut().zip(&required) {
                match cell {
                    Some(true) => count.0 += 1,
                    Some(false) => count.1 += 1,
                    None => {}
                }
            }
            if range.contains(&n) {
                let text = levels
                    .get(chosen)
                    .and_then(|l| profile.level_index(l.id.as_str()))
                    .and_then(|at| profile.cell(at, *r))
                    .map(|c| c.text.clone());
                rows.push(LadderRow {
                    slug: profile.slug().to_string(),
                    title: profile.title().to_owned(),
                    domain: profile.domain().to_owned(),
                    group: profile.group().to_owned(),
                    required,
                    text,
                });
            }
        }
        Some(RoleLadder {
            role: summary.role.clone(),
            levels,
            level: chosen,
            counts,
            rows,
            total: skills.len(),
            page,
            pages,
        })
    }
}

/// The page to show (from 1, clamped), the page count and the range of items on it.
fn paginate(items: usize, page: usize) -> (usize, usize, std::ops::Range<usize>) {
    paginate_by(PAGE_SIZE, items, page)
}

/// [`paginate`] with `size` items a page.
pub(crate) fn paginate_by(
    size: usize,
    items: usize,
    page: usize,
) -> (usize, usize, std::ops::Range<usize>) {
    let pages = items.div_ceil(size).max(1);
    let page = page.clamp(1, pages);
    let start = (page - 1) * size;
    (page, pages, start..items.min(start + size))
}

/// A profile and its place in its group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlacedProfile {
    /// The profile.
    pub profile: Profile,
    /// The skills before and after it in its group.
    pub neighbours: Neighbours,
    /// The revision published, which a draft records as its base.
    pub revision: u32,
    /// How that revision came about; `None` when the store could not say.
    pub note: Option<super::RevisionNote>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::profile::tests::parts;
    use crate::model::{RoleId, Slug};

    fn profile(slug: &str, domain: &str, group: &str, title: &str) -> Profile {
        let mut p = parts();
        p.slug = Slug::parse(slug).unwrap();
        p.domain = domain.into();
        p.group = group.into();
        p.title = title.into();
        Profile::try_from(p).unwrap()
    }

    fn sample() -> Catalog {
        Catalog::new(vec![
            profile("obs", "Infrastructure", "Reliability", "Observability"),
            profile(
                "repl",
                "Database Management",
                "Administration",
                "Replication",
            ),
            profile("backup", "Database Management", "Administration", "Backup"),
            profile(
                "tuning",
                "Database Management",
                "Performance",
                "Query Tuning",
            ),
        ])
    }

    fn slugs(view: &SearchResults) -> Vec<&str> {
        view.hits.iter().map(|h| h.entry.slug.as_str()).collect()
    }

    #[test]
    fn the_catalog_is_ordered_by_domain_then_group_then_title() {
        let view = sample().search(&Scope::default(), "", 1).unwrap();
        assert_eq!(slugs(&view), ["backup", "repl", "tuning", "obs"]);
    }

    #[test]
    fn profiles_are_found_by_slug_and_unknown_slugs_are_not() {
        let catalog = sample();
        assert_eq!(catalog.get("backup").unwrap().title(), "Backup");
        assert!(catalog.get("nope").is_none());
    }

    #[test]
    fn domains_list_their_groups_with_counts() {
        let catalog = sample();
        let db = &catalog.domains()[0];
        assert_eq!(db.domain.slug, "database-management");
        assert_eq!(db.skills, 3);
        let groups: Vec<_> = db
            .groups
            .iter()
            .map(|g| (g.group.slug.as_str(), g.skills))
            .collect();
        assert_eq!(groups, [("administration", 2), ("performance", 1)]);
    }

    #[test]
    fn a_scope_narrows_to_a_domain_or_one_of_its_groups() {
        let catalog = sample();
        let scope = |d: &str, g: Option<&str>| Scope {
            domain: Some(d.into()),
            group: g.map(Into::into),
        };
        let view = catalog
            .search(&scope("database-management", None), "", 1)
            .unwrap();
        assert_eq!(slugs(&view), ["backup", "repl", "tuning"]);
        let view = catalog
            .search(&scope("database-management", Some("performance")), "", 1)
            .unwrap();
        assert_eq!(slugs(&view), ["tuning"]);
        let named = catalog
            .scope(&scope("database-management", Some("performance")))
            .unwrap();
        assert_eq!(
            (named.group.unwrap().name.as_str(), named.skills),
            ("Performance", 1)
        );
        assert!(catalog.search(&scope("nope", None), "", 1).is_none());
        assert!(catalog.scope(&scope("nope", None)).is_none());
        assert!(catalog
            .search(&scope("infrastructure", Some("performance")), "", 1)
            .is_none());
    }

    #[test]
    fn search_ranks_by_score_and_counts_only_matches() {
        let view = sample().search(&Scope::default(), "tuning", 1).unwrap();
        assert_eq!(slugs(&view), ["tuning"]);
        assert_eq!(view.total, 1);
        assert_eq!(view.hits[0].matches.title, vec![(6, 12)]);
        let view = sample()
            .search(&Scope::default(), "nothing-like-it", 1)
            .unwrap();
        assert!(view.hits.is_empty());
    }

    #[test]
    fn pages_hold_page_size_skills_and_out_of_range_pages_are_clamped() {
        let many: Vec<Profile> = (0..PAGE_SIZE + 3)
            .map(|i| profile(&format!("s{i:03}"), "D", "G", &format!("Skill {i:03}")))
            .collect();
        let catalog = Catalog::new(many);
        let first = catalog.search(&Scope::default(), "", 1).unwrap();
        assert_eq!((first.hits.len(), first.pages), (PAGE_SIZE, 2));
        let last = catalog.search(&Scope::default(), "", 99).unwrap();
        assert_eq!((last.page, last.hits.len()), (2, 3));
        assert_eq!(last.hits[0].entry.slug, format!("s{PAGE_SIZE:03}"));
        assert_eq!(catalog.search(&Scope::default(), "", 0).unwrap().page, 1);
    }

    #[test]
    fn neighbours_stay_within_the_group() {
        let catalog = sample();
        let n = catalog.neighbours("backup");
        assert_eq!(n.previous, None);
        assert_eq!(n.next, Some(("repl".into(), "Replication".into())));
        let n = catalog.neighbours("repl");
        assert_eq!(n.previous.unwrap().0, "backup");
        assert_eq!(n.next, None, "Query Tuning is in another group");
    }

    #[test]
    fn a_ladder_lists_every_skill_of_the_role_with_its_flags_and_chosen_texts() {
        let catalog = sample();
        let ladder = catalog.ladder("sre", Some("senior"), 1).unwrap();
        assert_eq!(ladder.role.id, RoleId::parse("sre").unwrap());
        assert_eq!(ladder.total, 4);
        assert_eq!(ladder.level, 1);
        // parts(): SRE optional at Junior, required at Senior.
        assert_eq!(ladder.rows[0].required, [Some(false), Some(true)]);
        assert_eq!(ladder.rows[0].text.as_deref(), Some("Automates drills."));
        assert_eq!(ladder.counts, [(0, 4), (4, 0)]);
        assert_eq!(catalog.ladder("sre", Some("nope"), 1).unwrap().level, 0);
        assert!(catalog.ladder("nobody", None, 1).is_none());
    }

    #[test]
    fn roles_are_listed_by_name_with_their_skill_counts() {
        let names: Vec<_> = sample()
            .roles()
            .iter()
            .map(|r| (r.role.name.clone(), r.skills))
            .collect();
        assert_eq!(names, [("DBA".to_owned(), 4), ("SRE".to_owned(), 4)]);
    }
}
