//! The growth plan: what one role is expected to know at one target level in every skill
//! where the role appears, grouped by domain and group, required first, each with what is
//! new against the level below. Read from the published catalog; the reader's own notes on
//! it are in [`super::notebook`] and never leave the browser.

use super::catalog::{paginate_by, Named};
use super::{diff_words, Catalog, Change, Level, Profile, Role};
use serde::{Deserialize, Serialize};

/// Skills on one page of a plan: a whole plan for most frameworks (the bundled one has 9
/// skills), a readable, printable page of a 5,000-skill one.
pub const PLAN_PAGE_SIZE: usize = 100;

/// Where a note about one expectation is kept: `<skill>/<role>/<level>`.
pub fn note_key(slug: &str, role: &str, level: &str) -> String {
    format!("{slug}/{role}/{level}")
}

/// The skill, role and level a [`note_key`] names; `None` for anything else.
pub fn split_note_key(key: &str) -> Option<(&str, &str, &str)> {
    let mut parts = key.split('/');
    let (slug, role, level) = (parts.next()?, parts.next()?, parts.next()?);
    let named = parts.next().is_none() && [slug, role, level].iter().all(|p| !p.is_empty());
    named.then_some((slug, role, level))
}

/// The expectation one level below the target, compared with the target's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Below {
    /// The level below's name.
    pub level: String,
    /// Optional there, required at the target.
    pub becomes_required: bool,
    /// The target's text as word-level changes from the level below's.
    pub changes: Vec<Change>,
}

/// One skill's expectation at the target level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanItem {
    /// Skill URL name.
    pub slug: String,
    /// Skill title.
    pub title: String,
    /// Where the reader's note on it is kept ([`note_key`]).
    pub key: String,
    /// Required at the target level, or optional.
    pub required: bool,
    /// The expectation.
    pub text: String,
    /// What is new against the level below; `None` when the target is the skill's first level.
    pub below: Option<Below>,
}

/// The skills of one group on this page of the plan, required first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanGroup {
    /// Domain name.
    pub domain: String,
    /// Group name.
    pub group: String,
    /// Its skills' expectations: required ones first, then by title.
    pub items: Vec<PlanItem>,
}

/// A role's plan for one target level across the catalog (or one domain of it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GrowthPlan {
    /// The role.
    pub role: Role,
    /// The levels of its skills, lowest first.
    pub levels: Vec<Level>,
    /// The target, an index into `levels`.
    pub level: usize,
    /// The domain the plan is narrowed to, if any.
    pub domain: Option<Named>,
    /// This page's groups, in catalog order.
    pub groups: Vec<PlanGroup>,
    /// Skills of the plan (all pages) where the target is required.
    pub required: usize,
    /// Skills of the plan (all pages) where it is optional.
    pub optional: usize,
    /// Skills with the role whose scale has no such level: (slug, title), all pages.
    pub without_level: Vec<(String, String)>,
    /// This page, from 1.
    pub page: usize,
    /// Number of pages (at least 1).
    pub pages: usize,
}

impl GrowthPlan {
    /// The target level.
    pub fn target(&self) -> Option<&Level> {
        self.levels.get(self.level)
    }

    /// Expectations on this page.
    pub fn items(&self) -> impl Iterator<Item = &PlanItem> {
        self.groups.iter().flat_map(|g| g.items.iter())
    }
}

/// What the plan form offers: every role and level of the catalog, and its domains.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanChoices {
    /// Every role, by name.
    pub roles: Vec<Role>,
    /// Every level of the catalog's scales, lowest first.
    pub levels: Vec<Level>,
    /// Every domain, in catalog order.
    pub domains: Vec<Named>,
}

/// Why no plan could be made of a request; the page says so above the form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum PlanProblem {
    /// No role was chosen yet: the form alone.
    NoChoice,
    /// The role named is not in the catalog.
    UnknownRole(String),
    /// None of the role's skills has the level named.
    UnknownLevel(String),
    /// The domain named is not in the catalog.
    UnknownDomain(String),
}

impl PlanProblem {
    /// The sentence the page shows; `None` when there is nothing wrong.
    pub fn message(&self) -> Option<String> {
        match self {
            Self::NoChoice => None,
            Self::UnknownRole(role) => Some(format!(
                "There is no role “{role}” in this framework. Choose one below."
            )),
            Self::UnknownLevel(level) => Some(format!(
                "This role has no level “{level}”. Choose one below."
            )),
            Self::UnknownDomain(domain) => Some(format!(
                "There is no domain “{domain}”. Choose one below, or every domain."
            )),
        }
    }
}

/// The plan page: the form's choices and the plan, or why there is none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanView {
    /// What the form offers.
    pub choices: PlanChoices,
    /// The plan asked for.
    pub plan: Result<GrowthPlan, PlanProblem>,
}

impl Catalog {
    /// What the plan form offers.
    pub fn plan_choices(&self) -> PlanChoices {
        PlanChoices {
            roles: self.roles().iter().map(|r| r.role.clone()).collect(),
            levels: self.levels().to_vec(),
            domains: self.domains().iter().map(|d| d.domain.clone()).collect(),
        }
    }

    /// Which of `keys` ([`note_key`]s of a reader's notes) name no published expectation: the
    /// skill, its role or its level is gone (or the key names none). The plan lists the
    /// notes on them as orphaned, never dropping them.
    pub fn gone_expectations<'k>(&self, keys: &'k [String]) -> Vec<&'k str> {
        keys.iter()
            .map(String::as_str)
            .filter(|key| {
                let Some((slug, role, level)) = split_note_key(key) else {
                    return true;
                };
                self.get(slug).is_none_or(|p| {
                    let cell = p.level_index(level).zip(p.role_index(role));
                    cell.and_then(|(l, r)| p.cell(l, r)).is_none()
                })
            })
            .collect()
    }

    /// The plan of `role` (an id) for `level` (a level id; the role's lowest when absent),
    /// in every skill of the catalog or of `domain` (a domain's URL name), page `page`.
    pub fn plan(
        &self,
        role: Option<&str>,
        level: Option<&str>,
        domain: Option<&str>,
        page: usize,
    ) -> Result<GrowthPlan, PlanProblem> {
        let role = role
            .filter(|r| !r.is_empty())
            .ok_or(PlanProblem::NoChoice)?;
        let summary = self
            .roles()
            .iter()
            .find(|r| r.role.id.as_str() == role)
            .ok_or_else(|| PlanProblem::UnknownRole(role.to_owned()))?;
        let domain = match domain.filter(|d| !d.is_empty()) {
            Some(slug) => Some(
                self.domains()
                    .iter()
                    .find(|d| d.domain.slug == slug)
                    .map(|d| d.domain.clone())
                    .ok_or_else(|| PlanProblem::UnknownDomain(slug.to_owned()))?,
            ),
            None => None,
        };
        let skills: Vec<(&Profile, usize)> = self
            .profiles()
            .iter()
            .filter(|p| domain.as_ref().is_none_or(|d| d.name == p.domain()))
            .filter_map(|p| Some((p, p.role_index(role)?)))
            .collect();
        let levels = self.role_levels(role).to_vec();
        let chosen = match level.filter(|l| !l.is_empty()) {
            Some(id) => levels
                .iter()
                .position(|l| l.id.as_str() == id)
                .ok_or_else(|| PlanProblem::UnknownLevel(id.to_owned()))?,
            None => 0,
        };
        let target = levels[chosen].id.as_str();
        // Every skill's place and requirement first; the texts and diffs of this page only.
        let mut found: Vec<(&Profile, usize, usize, bool)> = Vec::new();
        let mut without_level = Vec::new();
        for (profile, r) in skills {
            let cell = profile
                .level_index(target)
                .and_then(|at| Some((at, profile.cell(at, r)?.required)));
            match cell {
                Some((at, required)) => found.push((profile, r, at, required)),
                None => {
                    without_level.push((profile.slug().to_string(), profile.title().to_owned()))
                }
            }
        }
        // Catalog order is domain, group, title: a stable sort keeps it within each kind.
        found.sort_by(|(a, _, _, x), (b, _, _, y)| {
            (a.domain(), a.group(), !x).cmp(&(b.domain(), b.group(), !y))
        });
        let required = found.iter().filter(|f| f.3).count();
        let optional = found.len() - required;
        let (page, pages, range) = paginate_by(PLAN_PAGE_SIZE, found.len(), page);
        let mut groups: Vec<PlanGroup> = Vec::new();
        for &(profile, r, at, _) in &found[range] {
            let item = plan_item(profile, r, at, role, target);
            match groups.last_mut() {
                Some(g) if g.domain == profile.domain() && g.group == profile.group() => {
                    g.items.push(item);
                }
                _ => groups.push(PlanGroup {
                    domain: profile.domain().to_owned(),
                    group: profile.group().to_owned(),
                    items: vec![item],
                }),
            }
        }
        Ok(GrowthPlan {
            role: summary.role.clone(),
            levels,
            level: chosen,
            domain,
            groups,
            required,
            optional,
            without_level,
            page,
            pages,
        })
    }
}

/// The expectation of role `r` (id `role`) at level `at` (id `target`) in `profile`, with
/// what is new against the level below.
fn plan_item(profile: &Profile, r: usize, at: usize, role: &str, target: &str) -> PlanItem {
    let cell = &profile.row(at)[r];
    let below = at.checked_sub(1).and_then(|b| {
        let under = profile.cell(b, r)?;
        Some(Below {
            level: profile.levels()[b].name.clone(),
            becomes_required: cell.required && !under.required,
            changes: diff_words(&under.text, &cell.text),
        })
    });
    PlanItem {
        slug: profile.slug().to_string(),
        title: profile.title().to_owned(),
        key: note_key(profile.slug().as_str(), role, target),
        required: cell.required,
        text: cell.text.clone(),
        below,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::profile::tests::parts;
    use crate::model::{slugify, Expectation, LevelId, RoleId, Slug};

    /// A skill in `domain` › `group` with roles `dba` and `de` over junior → senior; `dba`
    /// required at senior when `required`.
    pub(crate) fn skill(slug: &str, domain: &str, group: &str, required: bool) -> Profile {
        let cell = |text: &str, required| Expectation {
            text: text.into(),
            required,
        };
        let mut parts = parts();
        parts.slug = Slug::parse(slug).expect("a valid slug");
        parts.title = format!("{slug} title");
        parts.domain = domain.into();
        parts.group = group.into();
        parts.levels = ["Junior", "Middle", "Senior"]
            .map(|n| Level {
                id: LevelId::parse(slugify(n)).expect("a valid id"),
                name: n.into(),
            })
            .to_vec();
        parts.roles = [("dba", "DBA"), ("de", "Data Engineer")]
            .map(|(id, n)| Role {
                id: RoleId::parse(id).expect("a valid id"),
                name: n.into(),
            })
            .to_vec();
        parts.cells = vec![
            vec![
                cell("Knows backups.", false),
                cell("Reads pipelines.", false),
            ],
            vec![
                cell("Runs backups.", false),
                cell("Writes pipelines.", true),
            ],
            vec![
                cell("Runs and tests backups.", required),
                cell("Designs pipelines.", true),
            ],
        ];
        Profile::try_from(parts).expect("a valid profile")
    }

    fn catalog() -> Catalog {
        Catalog::new(vec![
            skill("zeta", "Data", "Storage", false),
            skill("alpha", "Data", "Storage", false),
            skill("mid", "Data", "Storage", true),
            skill("ops", "Operations", "Running", true),
        ])
    }

    #[test]
    fn a_plan_gathers_every_skill_of_the_role_grouped_with_required_first() {
        let plan = catalog()
            .plan(Some("dba"), Some("senior"), None, 1)
            .expect("a plan");
        let order: Vec<(&str, Vec<&str>)> = plan
            .groups
            .iter()
            .map(|g| {
                (
                    g.group.as_str(),
                    g.items.iter().map(|i| i.slug.as_str()).collect(),
                )
            })
            .collect();
        assert_eq!(
            order,
            vec![
                ("Storage", vec!["mid", "alpha", "zeta"]),
                ("Running", vec!["ops"])
            ]
        );
        assert_eq!((plan.required, plan.optional), (2, 2));
        assert_eq!(plan.target().map(|l| l.name.as_str()), Some("Senior"));
        assert_eq!(
            plan.items().next().map(|i| i.key.as_str()),
            Some("mid/dba/senior")
        );
    }

    #[test]
    fn each_expectation_says_what_is_new_against_the_level_below() {
        let plan = catalog()
            .plan(Some("dba"), Some("senior"), None, 1)
            .expect("a plan");
        let mid = plan.items().next().expect("an item");
        let below = mid.below.as_ref().expect("a level below");
        assert_eq!(below.level, "Middle");
        assert!(below.becomes_required);
        assert!(below.changes.contains(&Change::Added("and tests ".into())));
        let first = catalog()
            .plan(Some("dba"), Some("junior"), None, 1)
            .expect("a plan");
        assert!(first.items().all(|i| i.below.is_none()));
    }

    #[test]
    fn a_plan_can_be_narrowed_to_one_domain() {
        let plan = catalog()
            .plan(Some("de"), Some("middle"), Some("operations"), 1)
            .expect("a plan");
        assert_eq!(
            plan.items().map(|i| i.slug.as_str()).collect::<Vec<_>>(),
            ["ops"]
        );
        assert_eq!(plan.domain.map(|d| d.name), Some("Operations".to_owned()));
    }

    #[test]
    fn unknown_choices_are_named_rather_than_guessed() {
        let c = catalog();
        assert_eq!(c.plan(None, None, None, 1), Err(PlanProblem::NoChoice));
        assert_eq!(
            c.plan(Some("cto"), None, None, 1),
            Err(PlanProblem::UnknownRole("cto".into()))
        );
        assert_eq!(
            c.plan(Some("dba"), Some("guru"), None, 1),
            Err(PlanProblem::UnknownLevel("guru".into()))
        );
        assert_eq!(
            c.plan(Some("dba"), None, Some("nowhere"), 1),
            Err(PlanProblem::UnknownDomain("nowhere".into()))
        );
        let lowest = c.plan(Some("dba"), None, None, 1).expect("a plan");
        assert_eq!(lowest.level, 0);
    }

    #[test]
    fn notes_on_a_removed_skill_role_or_level_are_found_orphaned() {
        let keys: Vec<String> = [
            "mid/dba/senior",
            "retired/dba/senior",
            "mid/cto/senior",
            "mid/dba/guru",
            "nonsense",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(
            catalog().gone_expectations(&keys),
            [
                "retired/dba/senior",
                "mid/cto/senior",
                "mid/dba/guru",
                "nonsense"
            ]
        );
    }

    #[test]
    fn a_large_plan_is_paged_and_counts_every_page() {
        let many: Vec<Profile> = (0..250)
            .map(|n| skill(&format!("s{n:03}"), "Data", "Storage", n % 2 == 0))
            .collect();
        let c = Catalog::new(many);
        let last = c
            .plan(Some("dba"), Some("senior"), None, 9)
            .expect("a plan");
        assert_eq!((last.page, last.pages), (3, 3));
        assert_eq!(last.items().count(), 50);
        assert_eq!((last.required, last.optional), (125, 125));
    }
}
