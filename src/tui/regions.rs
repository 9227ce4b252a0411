//! The regions tree: 全国 on top, then province → prefecture → county, built from each
//! report's region and its ancestors; reports without a region go under 未识别.

use std::collections::{HashMap, HashSet};

use crate::corpus::Level;
use crate::search::Reports;

/// The name of the node holding reports whose region is unknown.
pub const UNKNOWN: &str = "未识别";

/// One region.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub name: String,
    pub code: String,
    pub level: Option<Level>,
    pub children: Vec<usize>,
    /// Catalog indices of the region's own reports, by year.
    pub reports: Vec<usize>,
    /// Reports in the region and below it.
    pub total: usize,
    /// First and last year of the reports in the region and below it.
    pub years: Option<(u16, u16)>,
}

/// All regions of a catalog.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RegionTree {
    pub nodes: Vec<Node>,
    pub roots: Vec<usize>,
}

/// A visible row of the regions pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Row {
    Node { node: usize, depth: u8 },
    Report { report: usize, depth: u8 },
}

impl RegionTree {
    /// Builds the tree of a catalog.
    #[must_use]
    pub fn build(catalog: &Reports) -> RegionTree {
        let mut tree = RegionTree::default();
        let mut by_key: HashMap<String, usize> = HashMap::new();
        let mut parents: Vec<Option<usize>> = Vec::new();
        let mut ensure = |tree: &mut RegionTree,
                          parents: &mut Vec<Option<usize>>,
                          key: String,
                          name: &str,
                          level: Option<Level>,
                          parent: Option<usize>| {
            if let Some(&i) = by_key.get(&key) {
                return i;
            }
            let i = tree.nodes.len();
            tree.nodes.push(Node {
                name: name.to_string(),
                code: key.clone(),
                level,
                children: Vec::new(),
                reports: Vec::new(),
                total: 0,
                years: None,
            });
            parents.push(parent);
            by_key.insert(key, i);
            i
        };
        for (ri, entry) in catalog.iter().enumerate() {
            let node = match &entry.meta.region {
                None => ensure(&mut tree, &mut parents, String::new(), UNKNOWN, None, None),
                Some(r) if r.level == Level::National => ensure(
                    &mut tree,
                    &mut parents,
                    r.code.clone(),
                    &r.name,
                    Some(Level::National),
                    None,
                ),
                Some(r) => {
                    let mut parent = None;
                    for (depth, code) in r.ancestors.iter().enumerate() {
                        let name = r
                            .ancestor_names
                            .get(depth)
                            .map_or(code.as_str(), String::as_str);
                        let level = if depth == 0 {
                            Level::Province
                        } else {
                            Level::Prefecture
                        };
                        parent = Some(ensure(
                            &mut tree,
                            &mut parents,
                            code.clone(),
                            name,
                            Some(level),
                            parent,
                        ));
                    }
                    let key = if r.code.is_empty() {
                        format!("name:{}", r.name)
                    } else {
                        r.code.clone()
                    };
                    ensure(&mut tree, &mut parents, key, &r.name, Some(r.level), parent)
                }
            };
            tree.nodes[node].reports.push(ri);
        }
        for (i, p) in parents.iter().enumerate() {
            match p {
                Some(p) => tree.nodes[*p].children.push(i),
                None => tree.roots.push(i),
            }
        }
        let sort_key = |n: &Node| {
            let rank = match (n.level, n.code.is_empty()) {
                (Some(Level::National), _) => 0,
                (_, true) => 2,
                _ => 1,
            };
            (rank, n.code.clone(), n.name.clone())
        };
        let keys: Vec<_> = tree.nodes.iter().map(sort_key).collect();
        tree.roots.sort_by(|a, b| keys[*a].cmp(&keys[*b]));
        for n in &mut tree.nodes {
            n.children.sort_by(|a, b| keys[*a].cmp(&keys[*b]));
            n.reports.sort_by_key(|r| {
                let m = &catalog[*r].meta;
                (m.year, m.title.clone())
            });
            let years: Vec<u16> = n
                .reports
                .iter()
                .filter_map(|r| catalog[*r].meta.year)
                .collect();
            n.years = years.first().zip(years.last()).map(|(a, b)| (*a, *b));
        }
        let roots = tree.roots.clone();
        for r in roots {
            tree.count(r);
        }
        tree
    }

    /// Fills in `total` and `years` for a node and everything below it.
    fn count(&mut self, node: usize) -> (usize, Option<(u16, u16)>) {
        let children = self.nodes[node].children.clone();
        let mut total = self.nodes[node].reports.len();
        let mut years = self.nodes[node].years;
        for child in children {
            let (below, span) = self.count(child);
            total += below;
            years = match (years, span) {
                (Some((first, last)), Some((from, to))) => Some((first.min(from), last.max(to))),
                (mine, theirs) => mine.or(theirs),
            };
        }
        self.nodes[node].total = total;
        self.nodes[node].years = years;
        (total, years)
    }

    /// Whether a node, or anything below it, matches the filter.
    fn matches(&self, node: usize, filter: &str, catalog: &Reports) -> bool {
        let n = &self.nodes[node];
        n.name.contains(filter)
            || n.code.starts_with(filter)
            || n.reports
                .iter()
                .any(|r| report_matches(catalog, *r, filter))
            || n.children.iter().any(|c| self.matches(*c, filter, catalog))
    }

    /// The visible rows: expanded nodes show their own reports (by year), then their
    /// children. A non-empty filter shows every match with the path to it, expanded.
    #[must_use]
    pub fn rows(&self, expanded: &HashSet<usize>, filter: &str, catalog: &Reports) -> Vec<Row> {
        let mut rows = Vec::new();
        for r in &self.roots {
            self.push_rows(*r, 0, expanded, filter, false, catalog, &mut rows);
        }
        rows
    }

    #[allow(clippy::too_many_arguments)]
    fn push_rows(
        &self,
        node: usize,
        depth: u8,
        expanded: &HashSet<usize>,
        filter: &str,
        parent_hit: bool,
        catalog: &Reports,
        rows: &mut Vec<Row>,
    ) {
        let n = &self.nodes[node];
        let filtering = !filter.is_empty();
        let self_hit =
            parent_hit || (filtering && (n.name.contains(filter) || n.code.starts_with(filter)));
        if filtering && !self_hit && !self.matches(node, filter, catalog) {
            return;
        }
        rows.push(Row::Node { node, depth });
        if !(expanded.contains(&node) || filtering) {
            return;
        }
        for r in &n.reports {
            if !filtering || self_hit || report_matches(catalog, *r, filter) {
                rows.push(Row::Report {
                    report: *r,
                    depth: depth + 1,
                });
            }
        }
        for c in &n.children {
            self.push_rows(*c, depth + 1, expanded, filter, self_hit, catalog, rows);
        }
    }

    /// The node holding a report, and the nodes above it (outermost first).
    #[must_use]
    pub fn path_to_report(&self, report: usize) -> Vec<usize> {
        let Some(node) = self.nodes.iter().position(|n| n.reports.contains(&report)) else {
            return Vec::new();
        };
        let mut path = vec![node];
        let mut cur = node;
        while let Some(p) = self.nodes.iter().position(|n| n.children.contains(&cur)) {
            path.push(p);
            cur = p;
        }
        path.reverse();
        path
    }

    /// The parent of a node.
    #[must_use]
    pub fn parent(&self, node: usize) -> Option<usize> {
        self.nodes.iter().position(|n| n.children.contains(&node))
    }
}

fn report_matches(catalog: &Reports, report: usize, filter: &str) -> bool {
    let m = &catalog[report].meta;
    m.year.is_some_and(|y| y.to_string().starts_with(filter)) || m.title.contains(filter)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Region, ReportMeta};
    use crate::search::{Catalog, CatalogEntry};

    type Place<'a> = (&'a str, &'a str, Level, &'a [(&'a str, &'a str)]);

    fn entry(title: &str, year: u16, region: Option<Place<'_>>) -> CatalogEntry {
        CatalogEntry {
            meta: ReportMeta {
                id: format!("{title}-{year}"),
                file: format!("{title}.txt"),
                title: title.to_string(),
                year: Some(year),
                region: region.map(|(name, code, level, anc)| Region {
                    name: name.to_string(),
                    full: name.to_string(),
                    level,
                    code: code.to_string(),
                    ancestors: anc.iter().map(|a| a.0.to_string()).collect(),
                    ancestor_names: anc.iter().map(|a| a.1.to_string()).collect(),
                    confidence: 1.0,
                }),
                ..ReportMeta::default()
            },
            sections: Vec::new(),
            targets: Vec::new(),
            chars: 0,
        }
    }

    fn catalog() -> Reports {
        let hb = [("130000", "河北省")];
        let bd = [("130000", "河北省"), ("130600", "保定市")];
        Reports::of(&Catalog {
            reports: vec![
                entry("清苑", 2018, Some(("清苑县", "130608", Level::County, &bd))),
                entry(
                    "保定",
                    2021,
                    Some(("保定市", "130600", Level::Prefecture, &hb)),
                ),
                entry(
                    "河北",
                    2022,
                    Some(("河北省", "130000", Level::Province, &[])),
                ),
                entry(
                    "国务院",
                    2024,
                    Some(("全国", "100000", Level::National, &[])),
                ),
                entry("无名", 2020, None),
                entry(
                    "河北",
                    2021,
                    Some(("河北省", "130000", Level::Province, &[])),
                ),
            ],
            rejected: Vec::new(),
        })
    }

    fn names(tree: &RegionTree, rows: &[Row], cat: &Reports) -> Vec<String> {
        rows.iter()
            .map(|r| match r {
                Row::Node { node, depth } => {
                    format!("{}{}", " ".repeat(*depth as usize), tree.nodes[*node].name)
                }
                Row::Report { report, depth } => format!(
                    "{}{}",
                    " ".repeat(*depth as usize),
                    cat[*report].meta.year.unwrap()
                ),
            })
            .collect()
    }

    #[test]
    fn national_first_unknown_last_counts_and_years() {
        let cat = catalog();
        let tree = RegionTree::build(&cat);
        let rows = tree.rows(&HashSet::new(), "", &cat);
        assert_eq!(names(&tree, &rows, &cat), ["全国", "河北省", "未识别"]);
        let hb = tree.roots[1];
        assert_eq!(tree.nodes[hb].total, 4);
        assert_eq!(
            tree.nodes[hb].years,
            Some((2018, 2022)),
            "the years below it count too"
        );
        let all: HashSet<usize> = (0..tree.nodes.len()).collect();
        let rows = tree.rows(&all, "", &cat);
        assert_eq!(
            names(&tree, &rows, &cat),
            [
                "全国",
                " 2024",
                "河北省",
                " 2021",
                " 2022",
                " 保定市",
                "  2021",
                "  清苑县",
                "   2018",
                "未识别",
                " 2020"
            ]
        );
    }

    #[test]
    fn filter_shows_matches_with_their_path() {
        let cat = catalog();
        let tree = RegionTree::build(&cat);
        let rows = tree.rows(&HashSet::new(), "清苑", &cat);
        assert_eq!(
            names(&tree, &rows, &cat),
            ["河北省", " 保定市", "  清苑县", "   2018"]
        );
        let rows = tree.rows(&HashSet::new(), "2024", &cat);
        assert_eq!(names(&tree, &rows, &cat), ["全国", " 2024"]);
        let cl = tree.path_to_report(0);
        assert_eq!(cl.len(), 3);
    }
}
