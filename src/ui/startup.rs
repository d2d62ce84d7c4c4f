//! The cold-start probe behind `--exit-after-first-frame`: it prints on stdout when the first
//! frame, and the first frame showing the store's figures, have been presented, then closes the
//! window. The cold-start benchmark times those lines from outside the process, the same way it
//! times an empty eframe app, so both sides pay for process start, GL set-up and fonts alike.

use eframe::egui;

/// Printed once the first frame has been presented.
pub const FIRST_FRAME_LINE: &str = "marketscope: first frame";
/// Printed once a frame with the store's figures (or its empty or error state) has been presented.
pub const DATA_FRAME_LINE: &str = "marketscope: first frame with data";

#[derive(Debug, Default)]
pub struct StartupProbe {
    frames: u64,
    /// Whether the frame before this one drew the loaded store rather than the loading spinner.
    drew_data: bool,
    done: bool,
}

impl StartupProbe {
    /// At the start of a frame: the previous frame has been painted and swapped by now, so this
    /// is when to say so.
    pub fn begin_frame(&mut self, ctx: &egui::Context) {
        if self.done {
            return;
        }
        self.frames += 1;
        if self.frames == 2 {
            println!("{FIRST_FRAME_LINE}");
        }
        if self.frames >= 2 && self.drew_data {
            println!("{DATA_FRAME_LINE}");
            self.done = true;
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            return;
        }
        // Frames keep coming while the loader works; eframe would otherwise wait for input.
        ctx.request_repaint();
    }

    /// At the end of a frame: whether it drew the store's figures (or said why there are none).
    pub fn end_frame(&mut self, drew_data: bool) {
        self.drew_data = drew_data;
    }

    pub fn is_done(&self) -> bool {
        self.done
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_after_the_frame_with_data_and_only_once() {
        let ctx = egui::Context::default();
        let mut probe = StartupProbe::default();
        probe.begin_frame(&ctx);
        probe.end_frame(false);
        probe.begin_frame(&ctx);
        assert!(!probe.is_done(), "the loading frame is not the data frame");
        probe.end_frame(true);
        probe.begin_frame(&ctx);
        assert!(probe.is_done());
        assert_eq!(probe.frames, 3);
        probe.begin_frame(&ctx);
        assert_eq!(probe.frames, 3, "nothing more is counted once done");
    }
}
