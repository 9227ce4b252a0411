//! What the extractor finds: one [`Figure`] per report × indicator × kind.

use serde::{Deserialize, Serialize};

/// An economic indicator, with the stable key used in JSON, CSV and `--indicator`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Indicator {
    /// 国内 / 地区 / 全省 … 生产总值, GDP, a bare 经济增长 in the targets passage.
    Gdp,
    /// 规模以上工业增加值.
    Industry,
    /// 固定资产投资.
    Investment,
    /// 社会消费品零售总额.
    Retail,
    /// 一般公共预算收入 (and 地方财政一般预算收入, 公共财政预算收入).
    Revenue,
    /// 居民消费价格涨幅.
    Cpi,
    /// 城镇调查失业率, 城镇登记失业率.
    Unemployment,
    /// 城镇新增就业.
    Jobs,
    /// 居民人均可支配收入, 农民人均纯收入.
    Income,
    /// 进出口总额.
    Trade,
    /// 单位 GDP 能耗.
    Energy,
}

impl Indicator {
    /// Every indicator, in the order tables show them.
    pub const ALL: [Indicator; 11] = [
        Indicator::Gdp,
        Indicator::Industry,
        Indicator::Investment,
        Indicator::Retail,
        Indicator::Revenue,
        Indicator::Cpi,
        Indicator::Unemployment,
        Indicator::Jobs,
        Indicator::Income,
        Indicator::Trade,
        Indicator::Energy,
    ];

    /// The stable key (`gdp`, `cpi`, …).
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Indicator::Gdp => "gdp",
            Indicator::Industry => "industry",
            Indicator::Investment => "investment",
            Indicator::Retail => "retail",
            Indicator::Revenue => "revenue",
            Indicator::Cpi => "cpi",
            Indicator::Unemployment => "unemployment",
            Indicator::Jobs => "jobs",
            Indicator::Income => "income",
            Indicator::Trade => "trade",
            Indicator::Energy => "energy",
        }
    }

    /// A short Chinese label for tables.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Indicator::Gdp => "生产总值",
            Indicator::Industry => "规上工业",
            Indicator::Investment => "固定投资",
            Indicator::Retail => "社零总额",
            Indicator::Revenue => "公共预算",
            Indicator::Cpi => "物价",
            Indicator::Unemployment => "失业率",
            Indicator::Jobs => "新增就业",
            Indicator::Income => "居民收入",
            Indicator::Trade => "进出口",
            Indicator::Energy => "能耗",
        }
    }

    /// The indicator with this key.
    #[must_use]
    pub fn parse(key: &str) -> Option<Indicator> {
        Indicator::ALL
            .into_iter()
            .find(|i| i.key().eq_ignore_ascii_case(key.trim()))
    }
}

/// What a figure is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// The target for the report's own year.
    Target,
    /// The figure reported for the previous year.
    Actual,
    /// A five-year or long-range goal (its year in [`Figure::horizon`]).
    Plan,
}

impl Kind {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Target => "target",
            Kind::Actual => "actual",
            Kind::Plan => "plan",
        }
    }
}

/// How the figure is hedged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Modifier {
    /// 左右, 约.
    About,
    /// 以上, 不低于, 超过.
    AtLeast,
    /// 以内, 以下, 不超过.
    AtMost,
    /// 7%-7.5%, 7%至7.5%: `low` and `high`.
    Range,
    /// A bare number.
    Point,
    /// Relative to something else (高于全省1个百分点左右, 与经济增长同步): no value, the
    /// words are in [`Figure::text`].
    Relative,
    /// The report says it sets no target.
    None,
}

impl Modifier {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Modifier::About => "about",
            Modifier::AtLeast => "at_least",
            Modifier::AtMost => "at_most",
            Modifier::Range => "range",
            Modifier::Point => "point",
            Modifier::Relative => "relative",
            Modifier::None => "none",
        }
    }
}

/// One figure of one report: a target, last year's actual, or a plan's goal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    pub indicator: Indicator,
    pub kind: Kind,
    /// The number (a growth rate in %, a rate, a count); `None` for a range, a relative
    /// figure or no target.
    pub value: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    /// `%`, `‰`, `万人`, `个百分点` …; `None` when there is no number.
    pub unit: Option<String>,
    pub modifier: Modifier,
    /// A secondary aim as written (`力争8%`, `在实际工作中争取更好结果`).
    pub aim: Option<String>,
    /// The report gives the figure as an estimate (预计, 初步核算).
    pub estimated: bool,
    /// For a plan, the year it runs to.
    pub horizon: Option<u16>,
    /// The phrase as written.
    pub text: String,
    /// Index of the paragraph in the report.
    pub paragraph: usize,
    /// Byte range of `text` in the paragraph.
    pub start: usize,
    pub end: usize,
}

impl Figure {
    /// A compact form for tables: `≈6%`, `≥6%`, `≤3%`, `6–6.5%`, `6%`, `相对`, `不设`.
    #[must_use]
    pub fn compact(&self) -> String {
        compact(
            self.modifier,
            self.value,
            self.low,
            self.high,
            self.unit.as_deref(),
        )
    }

    /// Whether an actual figure meets this target: `None` when either has no comparable
    /// number (a relative target, different units).
    #[must_use]
    pub fn met_by(&self, actual: &Figure) -> Option<bool> {
        const EPS: f64 = 1e-9;
        let a = actual.value?;
        if self.unit != actual.unit {
            return None;
        }
        // Lower is better for prices and unemployment; energy use is written as a fall,
        // a positive number, in targets and results alike.
        let lower_is_better = matches!(self.indicator, Indicator::Cpi | Indicator::Unemployment);
        let (lo, hi) = match (self.modifier, self.value, self.low, self.high) {
            (Modifier::Range, _, Some(lo), Some(hi)) => (lo, hi),
            (
                Modifier::About | Modifier::AtLeast | Modifier::AtMost | Modifier::Point,
                Some(v),
                ..,
            ) => (v, v),
            _ => return None,
        };
        Some(if lower_is_better {
            a <= hi + EPS
        } else {
            a + EPS >= lo
        })
    }
}

/// The compact form of a figure's parts (see [`Figure::compact`]).
#[must_use]
pub fn compact(
    modifier: Modifier,
    value: Option<f64>,
    low: Option<f64>,
    high: Option<f64>,
    unit: Option<&str>,
) -> String {
    let unit = unit.unwrap_or("");
    let num = |v: f64| {
        let s = format!("{v:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    };
    match (modifier, value, low, high) {
        (Modifier::Range, _, Some(lo), Some(hi)) => format!("{}–{}{unit}", num(lo), num(hi)),
        (Modifier::Relative, ..) => "相对".to_string(),
        (Modifier::None, ..) => "不设".to_string(),
        (m, Some(v), ..) => {
            let sign = match m {
                Modifier::About => "≈",
                Modifier::AtLeast => "≥",
                Modifier::AtMost => "≤",
                _ => "",
            };
            format!("{sign}{}{unit}", num(v))
        }
        _ => "?".to_string(),
    }
}
