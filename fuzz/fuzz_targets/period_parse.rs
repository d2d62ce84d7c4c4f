//! Any text as a period, and as a period with a chrono format: parsing never panics, and a parsed
//! period prints a label that parses back to itself.
#![no_main]

use libfuzzer_sys::fuzz_target;
use marketscope::model::Period;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(period) = Period::parse(text) {
        let _ = period.end();
        let _ = period.mid();
        if period.is_calendar_aligned() {
            assert_eq!(Period::parse(&period.label()), Ok(period), "label {:?} of {text:?}", period.label());
        }
    }
    if let Some((format, value)) = text.split_once('\u{1f}') {
        let _ = Period::parse_with_format(value, format);
    }
});
