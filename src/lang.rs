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
