//! The dashboard's views, driven headless: every tab, the empty and error states, the side panel.

mod ui_support;

use egui_kittest::kittest::Queryable;
use marketscope::ui::settings::View;
use ui_support::{TempStore, open};

#[test]
fn opens_on_gmv_with_the_sample_and_every_tab_switches_its_view() {
    let store = TempStore::sample();
    let mut h = open(&store.path, None);
    assert_eq!(h.state().settings().view, View::Gmv);
    h.get_by_label_contains("Gross merchandise value");
    assert!(!ui_support::points(&h, "gmv", "TikTok Shop").is_empty());
    for view in View::ALL.into_iter().rev() {
        h.get_by_label(view.label()).click();
        h.run();
        assert_eq!(
            h.state().settings().view,
            view,
            "after clicking {}",
            view.label()
        );
    }
}
