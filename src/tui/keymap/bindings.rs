//! The keymap's one table: every key, the mode it works in, its action and its line in
//! the help overlay and the README.

use crossterm::event::KeyCode;

use super::{Action, Binding, Scope, ch, ctrl, key};

macro_rules! bind {
    ($scope:ident, [$($k:expr),+], $action:expr, $help:literal, $zh:literal) => {
        Binding { scope: Scope::$scope, keys: &[$($k),+], action: $action, help: $help, zh: $zh }
    };
}

/// The keymap. Earlier rows win; printable characters in input lines are text unless a
/// `Line` or `List` row claims them (none does).
pub const BINDINGS: &[Binding] = &[
    bind!(Normal, [ch('q')], Action::Quit, "quit", "退出"),
    bind!(
        Normal,
        [ch('?'), key(KeyCode::F(1))],
        Action::Help,
        "this help",
        "本帮助"
    ),
    bind!(
        Normal,
        [key(KeyCode::Tab)],
        Action::NextPane,
        "next pane",
        "下一个窗格"
    ),
    bind!(
        Normal,
        [key(KeyCode::BackTab)],
        Action::PrevPane,
        "previous pane",
        "上一个窗格"
    ),
    bind!(
        Normal,
        [ch('1')],
        Action::FocusPane(1),
        "regions pane",
        "地区窗格"
    ),
    bind!(
        Normal,
        [ch('2')],
        Action::FocusPane(2),
        "outline pane",
        "目录窗格"
    ),
    bind!(
        Normal,
        [ch('3')],
        Action::FocusPane(3),
        "reader pane",
        "正文窗格"
    ),
    bind!(
        Normal,
        [ch('j'), key(KeyCode::Down)],
        Action::Down,
        "down",
        "向下"
    ),
    bind!(
        Normal,
        [ch('k'), key(KeyCode::Up)],
        Action::Up,
        "up",
        "向上"
    ),
    bind!(
        Normal,
        [ctrl('d')],
        Action::HalfPageDown,
        "half a page down",
        "下翻半页"
    ),
    bind!(
        Normal,
        [ctrl('u')],
        Action::HalfPageUp,
        "half a page up",
        "上翻半页"
    ),
    bind!(
        Normal,
        [key(KeyCode::PageDown), ch(' '), ctrl('f')],
        Action::PageDown,
        "page down",
        "下翻一页"
    ),
    bind!(
        Normal,
        [key(KeyCode::PageUp), ctrl('b')],
        Action::PageUp,
        "page up",
        "上翻一页"
    ),
    bind!(
        Normal,
        [ch('g'), key(KeyCode::Home)],
        Action::Top,
        "top",
        "到顶"
    ),
    bind!(
        Normal,
        [ch('G'), key(KeyCode::End)],
        Action::Bottom,
        "bottom",
        "到底"
    ),
    bind!(
        Normal,
        [ch('h'), key(KeyCode::Left)],
        Action::Collapse,
        "collapse / parent",
        "收起 / 上一级"
    ),
    bind!(
        Normal,
        [ch('l'), key(KeyCode::Right)],
        Action::Expand,
        "expand",
        "展开"
    ),
    bind!(
        Normal,
        [key(KeyCode::Enter)],
        Action::Select,
        "open / expand",
        "打开 / 展开"
    ),
    bind!(
        Normal,
        [ch(']')],
        Action::NextSection,
        "next section",
        "下一节"
    ),
    bind!(
        Normal,
        [ch('[')],
        Action::PrevSection,
        "previous section",
        "上一节"
    ),
    bind!(
        Normal,
        [ch('}')],
        Action::NextTopSection,
        "next top-level section",
        "下一个大节"
    ),
    bind!(
        Normal,
        [ch('{')],
        Action::PrevTopSection,
        "previous top-level section",
        "上一个大节"
    ),
    bind!(
        Normal,
        [ch(':')],
        Action::StartGoto,
        "go to section by number (:2.3)",
        "按编号跳到章节 (:2.3)"
    ),
    bind!(
        Normal,
        [ch('s')],
        Action::StartPicker,
        "fuzzy section picker",
        "模糊选择章节"
    ),
    bind!(
        Normal,
        [ch('/')],
        Action::StartSearch,
        "search (results as you type)",
        "搜索 (边输入边出结果)"
    ),
    bind!(
        Normal,
        [ch('f')],
        Action::StartFilter,
        "filter the regions",
        "筛选地区"
    ),
    bind!(
        Normal,
        [ch('n')],
        Action::NextHit,
        "next hit (then next result)",
        "下一处命中 (再到下一条结果)"
    ),
    bind!(
        Normal,
        [ch('N')],
        Action::PrevHit,
        "previous hit",
        "上一处命中"
    ),
    bind!(
        Normal,
        [ch('<')],
        Action::PrevYear,
        "same region, previous year",
        "同一地区, 前一年"
    ),
    bind!(
        Normal,
        [ch('>')],
        Action::NextYear,
        "same region, next year",
        "同一地区, 后一年"
    ),
    bind!(
        Normal,
        [ch('m')],
        Action::StartMark,
        "mark the paragraph (m + letter)",
        "标记当前段落 (m + 字母)"
    ),
    bind!(
        Normal,
        [ch('\'')],
        Action::StartJump,
        "go to a mark (' + letter)",
        "跳到标记 (' + 字母)"
    ),
    bind!(
        Normal,
        [ch('M')],
        Action::ShowMarks,
        "the marks list",
        "标记列表"
    ),
    bind!(
        Normal,
        [ch('y')],
        Action::CopyParagraph,
        "copy the paragraph with its citation",
        "复制当前段落及出处"
    ),
    bind!(
        Normal,
        [ch('Y')],
        Action::CopySection,
        "copy the section with its citation",
        "复制当前章节及出处"
    ),
    bind!(
        Line,
        [key(KeyCode::Esc)],
        Action::Cancel,
        "close the line",
        "关闭输入行"
    ),
    bind!(
        Line,
        [key(KeyCode::Enter)],
        Action::Submit,
        "accept / open",
        "确定 / 打开"
    ),
    bind!(
        Normal,
        [ch('t')],
        Action::Targets,
        "targets and results (目标与实绩)",
        "目标与实绩"
    ),
    bind!(
        Normal,
        [ch('T')],
        Action::ShowTrend,
        "trend of the search by year",
        "搜索词的逐年趋势"
    ),
    bind!(
        Normal,
        [ch('K')],
        Action::ShowKeywords,
        "keywords of the report",
        "本报告的关键词"
    ),
    bind!(
        Normal,
        [ch('D')],
        Action::ShowDiff,
        "beside the previous year",
        "与上一年对照"
    ),
    bind!(
        Normal,
        [ch('w')],
        Action::ShowGlossary,
        "名词解释 of the marked terms on screen",
        "屏幕上标出词语的名词解释"
    ),
    bind!(
        Line,
        [key(KeyCode::Backspace)],
        Action::Backspace,
        "delete back",
        "删除前一字"
    ),
    bind!(
        Line,
        [key(KeyCode::Delete)],
        Action::Delete,
        "delete",
        "删除"
    ),
    bind!(
        Line,
        [key(KeyCode::Left)],
        Action::CaretLeft,
        "caret left",
        "光标左移"
    ),
    bind!(
        Line,
        [key(KeyCode::Right)],
        Action::CaretRight,
        "caret right",
        "光标右移"
    ),
    bind!(
        Line,
        [key(KeyCode::Home), ctrl('a')],
        Action::CaretHome,
        "line start",
        "行首"
    ),
    bind!(
        Line,
        [key(KeyCode::End), ctrl('e')],
        Action::CaretEnd,
        "line end",
        "行尾"
    ),
    bind!(
        Line,
        [ctrl('u')],
        Action::ClearLine,
        "clear the line",
        "清空该行"
    ),
    bind!(
        List,
        [key(KeyCode::Down), ctrl('n'), key(KeyCode::Tab)],
        Action::Down,
        "next result",
        "下一条结果"
    ),
    bind!(
        List,
        [key(KeyCode::Up), ctrl('p'), key(KeyCode::BackTab)],
        Action::Up,
        "previous result",
        "上一条结果"
    ),
    bind!(
        List,
        [key(KeyCode::PageDown)],
        Action::PageDown,
        "results page down",
        "结果下翻一页"
    ),
    bind!(
        List,
        [key(KeyCode::PageUp)],
        Action::PageUp,
        "results page up",
        "结果上翻一页"
    ),
    bind!(
        List,
        [ctrl('s')],
        Action::CycleScope,
        "search where: all, this region, this report",
        "搜索范围: 全部, 本地区, 本报告"
    ),
    bind!(
        List,
        [ctrl('o')],
        Action::CycleOrder,
        "order by relevance, year, region",
        "排序: 相关度, 年份, 地区"
    ),
    bind!(
        Marks,
        [key(KeyCode::Enter)],
        Action::Select,
        "go to the mark",
        "跳到该标记"
    ),
    bind!(
        Marks,
        [ch('j'), key(KeyCode::Down)],
        Action::Down,
        "down",
        "向下"
    ),
    bind!(Marks, [ch('k'), key(KeyCode::Up)], Action::Up, "up", "向上"),
    bind!(
        Marks,
        [ch('d'), key(KeyCode::Delete)],
        Action::DeleteMark,
        "delete the mark",
        "删除该标记"
    ),
    bind!(
        Marks,
        [key(KeyCode::Esc), ch('q'), ch('M')],
        Action::Cancel,
        "close the list",
        "关闭列表"
    ),
    bind!(
        Help,
        [key(KeyCode::Esc), ch('q'), ch('?')],
        Action::Cancel,
        "close the help",
        "关闭帮助"
    ),
    bind!(
        Help,
        [ch('j'), key(KeyCode::Down)],
        Action::Down,
        "scroll down",
        "向下滚动"
    ),
    bind!(
        Help,
        [ch('k'), key(KeyCode::Up)],
        Action::Up,
        "scroll up",
        "向上滚动"
    ),
    bind!(
        Targets,
        [key(KeyCode::Esc), ch('q'), ch('t')],
        Action::Cancel,
        "close the targets view",
        "关闭目标视图"
    ),
    bind!(
        Targets,
        [ch('j'), key(KeyCode::Down)],
        Action::Down,
        "next year",
        "下一年"
    ),
    bind!(
        Targets,
        [ch('k'), key(KeyCode::Up)],
        Action::Up,
        "previous year",
        "上一年"
    ),
    bind!(
        Targets,
        [key(KeyCode::PageDown)],
        Action::PageDown,
        "page down",
        "下翻一页"
    ),
    bind!(
        Targets,
        [key(KeyCode::PageUp)],
        Action::PageUp,
        "page up",
        "上翻一页"
    ),
    bind!(
        Targets,
        [ch('h'), key(KeyCode::Left)],
        Action::Collapse,
        "previous indicator",
        "上一个指标"
    ),
    bind!(
        Targets,
        [ch('l'), key(KeyCode::Right)],
        Action::Expand,
        "next indicator",
        "下一个指标"
    ),
    bind!(
        Targets,
        [key(KeyCode::Enter)],
        Action::Select,
        "open the report at the figure",
        "打开报告，定位到该数字"
    ),
    bind!(
        List,
        [ctrl('t')],
        Action::ShowTrend,
        "trend of the query",
        "查询的趋势"
    ),
    bind!(
        View,
        [key(KeyCode::Esc), ch('q')],
        Action::Cancel,
        "close the view",
        "关闭视图"
    ),
    bind!(
        View,
        [ch('j'), key(KeyCode::Down)],
        Action::Down,
        "scroll down",
        "向下滚动"
    ),
    bind!(
        View,
        [ch('k'), key(KeyCode::Up)],
        Action::Up,
        "scroll up",
        "向上滚动"
    ),
    bind!(
        View,
        [key(KeyCode::PageDown), ch(' ')],
        Action::PageDown,
        "page down",
        "下翻一页"
    ),
    bind!(
        View,
        [key(KeyCode::PageUp)],
        Action::PageUp,
        "page up",
        "上翻一页"
    ),
    bind!(
        View,
        [ch('h'), key(KeyCode::Left)],
        Action::Collapse,
        "previous year of the chart",
        "图表的上一年"
    ),
    bind!(
        View,
        [ch('l'), key(KeyCode::Right)],
        Action::Expand,
        "next year of the chart",
        "图表的下一年"
    ),
    bind!(
        View,
        [key(KeyCode::Enter)],
        Action::Select,
        "that year's hits",
        "该年的结果"
    ),
    bind!(
        View,
        [ch('r')],
        Action::ToggleBy,
        "trend by year / by region",
        "按年 / 按地区的趋势"
    ),
    bind!(
        View,
        [ch('<')],
        Action::PrevYear,
        "side by side: a year back",
        "对照：往前一年"
    ),
    bind!(
        View,
        [ch('>')],
        Action::NextYear,
        "side by side: a year on",
        "对照：往后一年"
    ),
    bind!(Global, [ctrl('c')], Action::Quit, "quit", "退出"),
    bind!(
        Global,
        [ctrl('z')],
        Action::Suspend,
        "suspend (fg to come back)",
        "挂起 (fg 回来)"
    ),
];
