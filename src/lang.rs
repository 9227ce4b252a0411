//! The language of the interface: Chinese by default, English with `lang = "en"` in the
//! config file or `GWR_LANG=en` (the variable wins over the file).

use serde::{Deserialize, Serialize};

/// A language the interface speaks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// 中文 (the default).
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// Parses `zh` / `en` (and `zh-CN`, `zh_CN.UTF-8`, `en_US`, `chinese`, `english`, 中文).
    #[must_use]
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase();
        let base = s.split(['-', '_', '.']).next().unwrap_or("");
        match base {
            "zh" | "cn" | "chinese" | "中文" => Some(Lang::Zh),
            "en" | "english" => Some(Lang::En),
            _ => None,
        }
    }

    /// The code as the config file writes it.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// The language to speak: `GWR_LANG` when set to a known language, else the config
    /// file's, else Chinese. Returns where the choice came from too.
    #[must_use]
    pub fn choose(env: Option<&str>, config: Option<Lang>) -> (Lang, &'static str) {
        if let Some(l) = env.and_then(Lang::parse) {
            return (l, "GWR_LANG");
        }
        match config {
            Some(l) => (l, "config file"),
            None => (Lang::Zh, "default"),
        }
    }

    /// [`Lang::choose`] with the process's `GWR_LANG`.
    #[must_use]
    pub fn from_env(config: Option<Lang>) -> (Lang, &'static str) {
        let env = std::env::var("GWR_LANG").ok();
        Lang::choose(env.as_deref(), config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_variable_beats_the_file_which_beats_the_default() {
        assert_eq!(Lang::choose(None, None), (Lang::Zh, "default"));
        assert_eq!(
            Lang::choose(None, Some(Lang::En)),
            (Lang::En, "config file")
        );
        assert_eq!(
            Lang::choose(Some("en_US.UTF-8"), Some(Lang::Zh)),
            (Lang::En, "GWR_LANG")
        );
        assert_eq!(Lang::choose(Some("zh"), Some(Lang::En)).0, Lang::Zh);
        // An unknown value is ignored, not an error (it is an environment variable).
        assert_eq!(Lang::choose(Some("fr"), Some(Lang::En)).0, Lang::En);
        assert_eq!(Lang::parse("zh-CN"), Some(Lang::Zh));
        assert_eq!(Lang::parse(""), None);
    }
}

/// Every string the TUI shows, in one language. Messages with values are functions.
/// The keymap's action names are beside the bindings (each has both languages).
#[allow(clippy::type_complexity)]
pub struct Ui {
    pub regions: &'static str,
    pub outline: &'static str,
    pub reader: &'static str,
    pub unknown_region: &'static str,
    pub no_sections: &'static str,
    pub help_title: &'static str,
    pub picker_title: &'static str,
    pub loading: &'static str,
    pub choose_report: &'static str,
    pub loading_catalog: &'static str,
    pub no_region_matches: &'static str,
    pub results: fn(usize, usize) -> String,
    pub searching: &'static str,
    pub search: &'static str,
    pub index_segmenting: fn(usize, usize) -> String,
    pub index_building: fn(usize, usize) -> String,
    pub index_failed: fn(&str) -> String,
    /// The index is rebuilt because the user dictionary changed.
    pub index_rebuilding_dictionary: &'static str,
    /// The index is rebuilt for this reason (in English, from the engine).
    pub index_rebuilding: fn(&str) -> String,
    /// Counting the corpus's words for keywords and diffs (done, total reports; once).
    pub word_counts: fn(usize, usize) -> String,
    pub index_opening: &'static str,
    pub nothing_found: &'static str,
    pub search_hint: &'static str,
    pub filter_prompt: &'static str,
    pub search_keys: &'static str,
    pub goto_keys: &'static str,
    pub line_keys: &'static str,
    pub parsing: &'static str,
    pub segmenting: &'static str,
    pub indexing: &'static str,
    pub waiting_lock: &'static str,
    pub opening: &'static str,
    pub index_unavailable: &'static str,
    pub help_hint: &'static str,
    pub no_section: fn(&str) -> String,
    pub no_results: &'static str,
    pub last_hit: &'static str,
    pub first_hit: &'static str,
    pub last_section: &'static str,
    pub first_section: &'static str,
    pub no_region: &'static str,
    pub no_year: fn(&str, bool) -> String,
    pub empty_corpus: &'static str,
    pub cannot_open: fn(&str, &str) -> String,
    pub no_report: fn(&str) -> String,
    pub catalog_not_loaded: &'static str,
    /// Help headings: browsing, input lines, lists, the help, everywhere.
    pub heading_normal: &'static str,
    pub heading_line: &'static str,
    pub heading_list: &'static str,
    pub heading_help: &'static str,
    pub heading_global: &'static str,
    pub heading_marks: &'static str,
    pub heading_targets: &'static str,
    pub heading_view: &'static str,
    pub text_keys: &'static str,
    pub text_help: &'static str,
    pub mark_prompt: &'static str,
    pub jump_prompt: &'static str,
    pub marked: fn(char, &str) -> String,
    pub no_mark: fn(char) -> String,
    pub marks_title: &'static str,
    pub no_marks: &'static str,
    pub marks_unsaved: fn(&str) -> String,
    pub copied: fn(usize, &str) -> String,
    pub scope_all: &'static str,
    pub scope_region: &'static str,
    pub scope_report: &'static str,
    pub order_relevance: &'static str,
    pub order_year: &'static str,
    pub order_region: &'static str,
    pub unknown_region_filter: fn(&str) -> String,
    pub no_year_filter: fn(&str, u16, u16) -> String,
    pub unknown_section_filter: fn(&str) -> String,
    pub copy_tmux_off: fn(&str) -> String,
    pub copy_screen: &'static str,
    pub copy_unsupported: fn(&str) -> String,
    pub copy_too_long: fn(usize) -> String,
}

/// 中文.
pub static ZH: Ui = Ui {
    regions: "地区",
    outline: "目录",
    reader: "正文",
    unknown_region: "未识别",
    no_sections: "（没有章节）",
    help_title: " 按键 — Esc 关闭, j/k 滚动 ",
    picker_title: " 跳到章节 (模糊匹配) ",
    loading: "载入中…",
    choose_report: "在地区栏选择一份报告 (Tab 切换窗格, ? 帮助)",
    loading_catalog: "载入目录…",
    no_region_matches: "没有匹配的地区",
    results: |p, r| format!("搜索结果 {p} 段 · {r} 篇"),
    searching: "搜索中…",
    search: "搜索",
    index_segmenting: |d, t| format!("正在建立索引（分词 {d}/{t}），完成后显示结果"),
    index_building: |d, t| format!("正在建立索引 {d}/{t}，完成后显示结果"),
    index_failed: |e| format!("索引不可用: {e}"),
    index_rebuilding_dictionary: "用户词典已更改，正在重建索引",
    index_rebuilding: |why| format!("正在重建索引（{why}）"),
    word_counts: |d, t| format!("统计全库词频 {d}/{t}（仅首次）"),
    index_opening: "正在打开索引，完成后显示结果",
    nothing_found: "没有找到",
    search_hint: "输入关键词；空格=并且，\"短语\"，-排除，OR，region: year: level: section:",
    filter_prompt: "筛选地区: ",
    search_keys: "  Enter 打开 · ↑↓ 选择 · Esc 返回",
    goto_keys: "  章节编号如 2.3, Enter 跳转",
    line_keys: "  Enter 确定 · Esc 清除",
    parsing: "解析",
    segmenting: "分词",
    indexing: "索引",
    waiting_lock: "等待索引锁… ",
    opening: "打开索引… ",
    index_unavailable: "索引不可用 ",
    help_hint: "? 帮助 ",
    no_section: |p| format!("没有编号为 {p} 的章节"),
    no_results: "没有搜索结果: 按 / 搜索",
    last_hit: "已是最后一处",
    first_hit: "已是第一处",
    last_section: "已是最后一节",
    first_section: "已是第一节",
    no_region: "这份报告没有识别出地区",
    no_year: |region, later| format!("{region}没有{}一年的报告", if later { "后" } else { "前" }),
    empty_corpus: "语料中没有报告",
    cannot_open: |id, e| format!("无法打开 {id}: {e}"),
    no_report: |id| format!("没有编号为 {id} 的报告"),
    catalog_not_loaded: "目录尚未载入",
    heading_normal: "浏览",
    heading_line: "输入行 (/ f : s)",
    heading_list: "搜索结果与章节选择",
    heading_help: "本帮助",
    heading_global: "任何时候",
    heading_marks: "标记列表",
    heading_targets: "目标视图 (t)",
    heading_view: "趋势、关键词、对照",
    text_keys: "文字",
    text_help: "输入或粘贴的文字，含中文",
    mark_prompt: "标记: 按一个字母 (Esc 取消)",
    jump_prompt: "跳到标记: 按一个字母 (Esc 取消)",
    marked: |l, place| format!("已标记 {l}: {place}"),
    no_mark: |l| format!("没有标记 {l}: 用 m{l} 标记一段"),
    marks_title: " 标记 — Enter 跳转, d 删除, Esc 关闭 ",
    no_marks: "还没有标记: 在正文中按 m 和一个字母标记当前段落",
    marks_unsaved: |e| format!("标记未能保存: {e}"),
    copied: |n, what| format!("已复制{what} {n} 字 (OSC 52)"),
    scope_all: "全部",
    scope_region: "本地区",
    scope_report: "本报告",
    order_relevance: "相关度",
    order_year: "年份",
    order_region: "地区",
    unknown_region_filter: |v| {
        format!("region:{v} 不是本语料中的地区: 请写地区名称或代码 (region:河北省, region:130600)")
    },
    no_year_filter: |v, a, b| format!("year:{v}: 本语料只有 {a}–{b} 年的报告"),
    unknown_section_filter: |v| format!("section:{v} 不在本语料的任何章节标题中"),
    copy_tmux_off: |v| {
        format!(
            "tmux 未转发剪贴板 (set-clipboard {v}): 在 ~/.tmux.conf 中加入 set -g set-clipboard on"
        )
    },
    copy_screen: "GNU screen 不转发剪贴板序列 (OSC 52): 请用鼠标复制",
    copy_unsupported: |t| format!("此终端 (TERM={t}) 不支持剪贴板序列 (OSC 52): 请用鼠标复制"),
    copy_too_long: |kb| format!("内容太长 ({kb} KB), 终端一次只接受约 70 KB"),
};

/// English.
pub static EN: Ui = Ui {
    regions: "Regions",
    outline: "Outline",
    reader: "Text",
    unknown_region: "Unrecognised",
    no_sections: "(no sections)",
    help_title: " Keys — Esc closes, j/k scroll ",
    picker_title: " Go to section (fuzzy) ",
    loading: "Loading…",
    choose_report: "Choose a report in the regions pane (Tab switches panes, ? help)",
    loading_catalog: "Loading the catalog…",
    no_region_matches: "No region matches",
    results: |p, r| format!("Results: {p} paragraphs · {r} reports"),
    searching: "Searching…",
    search: "Search",
    index_segmenting: |d, t| format!("Building the index (segmenting {d}/{t}); results follow"),
    index_building: |d, t| format!("Building the index {d}/{t}; results follow"),
    index_failed: |e| format!("Index unavailable: {e}"),
    index_rebuilding_dictionary: "The user dictionary changed: rebuilding the index",
    index_rebuilding: |why| format!("Rebuilding the index ({why})"),
    word_counts: |d, t| format!("counting words {d}/{t} (once)"),
    index_opening: "Opening the index; results follow",
    nothing_found: "Nothing found",
    search_hint: "Type words; space = AND, \"phrase\", -exclude, OR, region: year: level: section:",
    filter_prompt: "Filter regions: ",
    search_keys: "  Enter opens · ↑↓ select · Esc back",
    goto_keys: "  a section number such as 2.3, Enter goes",
    line_keys: "  Enter accepts · Esc clears",
    parsing: "parsing",
    segmenting: "segmenting",
    indexing: "indexing",
    waiting_lock: "waiting for the index lock… ",
    opening: "opening the index… ",
    index_unavailable: "index unavailable ",
    help_hint: "? help ",
    no_section: |p| format!("No section numbered {p}"),
    no_results: "No search results: / searches",
    last_hit: "That was the last hit",
    first_hit: "That was the first hit",
    last_section: "That was the last section",
    first_section: "That was the first section",
    no_region: "This report's region was not recognised",
    no_year: |region, later| {
        format!(
            "{region} has no {} report",
            if later { "later" } else { "earlier" }
        )
    },
    empty_corpus: "The corpus has no reports",
    cannot_open: |id, e| format!("Cannot open {id}: {e}"),
    no_report: |id| format!("No report with id {id}"),
    catalog_not_loaded: "The catalog is not loaded yet",
    heading_normal: "Browsing",
    heading_line: "Input lines (/ f : s)",
    heading_list: "Search results and section picker",
    heading_help: "This help",
    heading_global: "Everywhere",
    heading_marks: "Marks list",
    heading_targets: "Targets view (t)",
    heading_view: "Trend, keywords, side by side",
    text_keys: "text",
    text_help: "typed or pasted text, CJK included",
    mark_prompt: "mark: press a letter (Esc cancels)",
    jump_prompt: "go to mark: press a letter (Esc cancels)",
    marked: |l, place| format!("Mark {l}: {place}"),
    no_mark: |l| format!("No mark {l}: m{l} marks a paragraph"),
    marks_title: " Marks — Enter goes, d deletes, Esc closes ",
    no_marks: "No marks yet: m and a letter marks the paragraph being read",
    marks_unsaved: |e| format!("Marks not saved: {e}"),
    copied: |n, what| format!("Copied {what}, {n} characters (OSC 52)"),
    scope_all: "all",
    scope_region: "this region",
    scope_report: "this report",
    order_relevance: "relevance",
    order_year: "year",
    order_region: "region",
    unknown_region_filter: |v| {
        format!(
            "region:{v} is no region of this corpus: give a name or code (region:河北省, region:130600)"
        )
    },
    no_year_filter: |v, a, b| format!("year:{v}: the corpus has reports of {a}–{b} only"),
    unknown_section_filter: |v| format!("section:{v} is in no section title of this corpus"),
    copy_tmux_off: |v| {
        format!(
            "tmux drops the clipboard sequence (set-clipboard {v}): add set -g set-clipboard on to ~/.tmux.conf"
        )
    },
    copy_screen: "GNU screen does not pass the clipboard sequence (OSC 52) on; copy with the mouse",
    copy_unsupported: |t| {
        format!("This terminal (TERM={t}) has no clipboard sequence (OSC 52); copy with the mouse")
    },
    copy_too_long: |kb| format!("Too long to copy at once ({kb} KB; terminals take about 70 KB)"),
};

impl Lang {
    /// The interface's strings in this language.
    #[must_use]
    pub fn ui(self) -> &'static Ui {
        match self {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }
}

#[cfg(test)]
mod table_tests {
    use super::*;

    #[test]
    fn chinese_strings_are_chinese_and_english_ones_are_not() {
        let han = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        for s in [ZH.regions, ZH.search_hint, ZH.no_marks, ZH.heading_normal] {
            assert!(han(s), "{s}");
        }
        for s in [EN.regions, EN.search_hint, EN.no_marks, EN.heading_normal] {
            assert!(!han(s), "{s}");
        }
        assert_eq!((ZH.results)(12, 3), "搜索结果 12 段 · 3 篇");
        assert_eq!((EN.no_year)("河北省", true), "河北省 has no later report");
    }
}
