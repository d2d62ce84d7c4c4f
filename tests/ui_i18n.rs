//! English and 简体中文 switched at run time in the real app, headless: the tabs, the names of
//! series, the dates of points and the numbers of the table change at once, and the choice is
//! remembered.

// A test panics with its message where a step fails: unwrapping is how it reports.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod ui_support;

use egui::{Key, Modifiers};
use egui_kittest::kittest::{NodeT, Queryable};
use marketscope::i18n::Lang;
use ui_support::{LANGUAGE_KEY, MemoryStorage, TempStore, open, point_pos};

#[test]
fn the_language_switch_changes_tabs_names_dates_and_numbers() {
    let store = TempStore::sample();
    let mut h = open(&store.path, None);
    assert_eq!(h.state().language(), Lang::En);
    h.get_by_label("Growth");
    point_pos(&h, "gmv", "TikTok Shop", "2025", 100e9);

    h.get_by_label("简体中文").click();
    h.run();
    assert_eq!(h.state().language(), Lang::Zh);
    // The tabs, in Chinese only.
    h.get_by_label("增长");
    h.get_by_label("来源");
    assert!(
        h.query_by_label("Growth").is_none(),
        "an English tab is left"
    );
    // The same point, its date in Chinese; Amazon's series under its Chinese name.
    let pos = point_pos(&h, "gmv", "TikTok Shop", "2025年", 100e9);
    h.hover_at(pos);
    h.run();
    // Its kinds in Chinese: a target (forecast) and an estimate, each after its value.
    assert_eq!(
        h.query_all_by_label_contains("1,000亿美元 · 预测").count(),
        1
    );
    assert_eq!(
        h.query_all_by_label_contains("1,000亿美元 · 估计").count(),
        1
    );
    let series: Vec<String> = h
        .state()
        .screen_points()
        .into_iter()
        .map(|p| p.series)
        .collect();
    assert!(
        series.iter().any(|s| s.starts_with("亚马逊")),
        "no Chinese series name in {series:?}"
    );

    // The table's values in 亿 and 美元 instead of B and $.
    h.get_by_label("表格").click();
    h.run();
    assert!(
        h.query_all_by_label_contains("亿美元").next().is_some(),
        "no amount in 亿美元"
    );
    // A value cell in English form starts with "$" (or "about $"); source titles may say "$".
    let english: Vec<String> = h
        .query_all_by_label_contains("$")
        .filter_map(|n| n.accesskit_node().label())
        .filter(|l| l.starts_with('$') || l.starts_with("about $"))
        .collect();
    assert!(english.is_empty(), "English amounts left: {english:?}");

    // Shift+L switches back, with the English number style.
    h.key_press_modifiers(Modifiers::SHIFT, Key::L);
    h.run();
    assert_eq!(h.state().language(), Lang::En);
    h.get_by_label("Table");
    assert!(h.query_by_label("表格").is_none());
    assert!(h.query_all_by_label_contains("亿美元").next().is_none());
}

#[test]
fn a_remembered_language_opens_the_app_in_it() {
    let store = TempStore::sample();
    let mut storage = MemoryStorage::default();
    eframe::set_value(&mut storage, LANGUAGE_KEY, &Lang::Zh);
    let h = open(&store.path, Some(&storage));
    assert_eq!(h.state().language(), Lang::Zh);
    h.get_by_label("交易额");
    h.get_by_label("English");
}

/// Asserts every label is shown and none of the English ones is.
fn shows_chinese_not_english(
    h: &egui_kittest::Harness<'static, marketscope::ui::App>,
    zh: &[&str],
    en: &[&str],
) {
    for label in zh {
        assert!(
            h.query_all_by_label(label).next().is_some(),
            "no {label:?} in Chinese"
        );
    }
    for label in en {
        assert!(
            h.query_all_by_label(label).next().is_none(),
            "{label:?} is left in English"
        );
    }
}

#[test]
fn in_chinese_the_metrics_sources_table_and_views_windows_speak_chinese() {
    let store = TempStore::sample();
    let mut h = open(&store.path, None);
    h.get_by_label("简体中文").click();
    h.run();
    assert_eq!(h.state().language(), Lang::Zh);

    // The Metrics view's group titles (the dashboard names them in English).
    h.get_by_label("指标").click();
    h.run();
    shows_chinese_not_english(
        &h,
        &["GMV 与销售额", "下载量与用户"],
        &["GMV & sales", "Downloads & users"],
    );

    // The Sources view's header and search field.
    h.get_by_label("来源").click();
    h.run();
    shows_chinese_not_english(
        &h,
        &["发布者", "发布日期", "查找："],
        &["Publisher", "Published", "Find:"],
    );

    // The Table view's header, chooser, button and column titles.
    h.get_by_label("表格").click();
    h.run();
    h.get_by_label("数据");
    h.get_by_label("备注");
    h.get_by_label("复制为 CSV");
    shows_chinese_not_english(
        &h,
        &["指标：", "网址", "地区"],
        &[
            "Figures",
            "Metric:",
            "All metrics",
            "Copy as CSV",
            "URL",
            "Note",
            "Region",
        ],
    );
    assert!(
        h.query_all_by_label_contains("行符合侧栏的选择")
            .next()
            .is_some(),
        "no Chinese row count"
    );

    // The Views window (V): its sections, fields and the sample story's steps.
    h.key_press(Key::V);
    h.run();
    shows_chinese_not_english(
        &h,
        &[
            "故事",
            "将当前视图添加到故事…",
            "新故事的名称",
            "步骤标题",
            "添加步骤",
        ],
        &[
            "Stories",
            "Add current view to story…",
            "New story's name",
            "Add step",
        ],
    );
    assert!(
        h.query_all_by_label_contains("（8 步）").next().is_some(),
        "the sample story's step count is not in Chinese"
    );
}
