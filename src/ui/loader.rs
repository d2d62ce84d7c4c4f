//! The loader thread: the only place the dashboard touches the store. It opens its own `Store`,
//! reads snapshots, loads the sample and imports CSV files on request, and notices other writers
//! (the command line importing into the same file) through `PRAGMA data_version`.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use eframe::egui;

use crate::dashboard::details::{DetailWindow, Pristine};
use crate::dashboard::snapshot::Snapshot;
use crate::model::{Metric, SavedView, Story};
use crate::store::import::{ImportOptions, read_path};
use crate::store::{Named, SeriesColumns, Store};

/// How often the loader checks whether another program changed the store: `PRAGMA data_version`
/// is one cheap read, so a second's delay costs nothing and feels immediate.
const POLL_INTERVAL: Duration = Duration::from_secs(1);

pub enum Request {
    Reload,
    LoadSample,
    Import(Vec<PathBuf>),
    /// A saved view or story written, renamed or deleted.
    Edit(PresentationEdit),
    /// Every figure in these windows of long series held as overviews (a zoomed view).
    Details(Vec<DetailWindow>),
}

/// The changes the dashboard makes to saved views and stories.
#[derive(Debug, Clone)]
pub enum PresentationEdit {
    SaveView(SavedView),
    RenameView {
        from: String,
        to: String,
    },
    DeleteView(String),
    /// Replaces the story of that name, steps and all (or adds it).
    SaveStory(Story),
    /// A new formula metric (checked by `formula_series::define`) and its formula.
    AddFormula {
        metric: Metric,
        formula: String,
    },
    /// A metric's or platform's display name in the catalogue.
    Rename {
        what: Named,
        id: String,
        name: String,
    },
}

pub enum Reply {
    Loaded(Arc<Snapshot>),
    /// The last snapshot with the windows of [`Request::Details`] read whole (or as it was,
    /// if they could not be read: the overviews stay on screen).
    Detailed(Arc<Snapshot>),
    /// The store could not be opened or read: what happened, in the store's words.
    Failed(String),
    /// An import or sample load finished: what it did, or why nothing was written.
    Imported(Result<String, String>),
    /// A [`PresentationEdit`] finished: what it did, or why nothing was written.
    Edited(Result<String, String>),
}

/// The UI's handle on the loader thread.
pub struct Loader {
    tx: Sender<Request>,
    rx: Receiver<Reply>,
    pending: usize,
    repaint: Arc<OnceLock<egui::Context>>,
    /// Figures read so far by the load in progress (0 between loads), for the loading screen.
    rows_read: Arc<AtomicUsize>,
}

impl Loader {
    /// Starts the thread; it loads the store straight away, so it can start before the window
    /// (opening a window and its GL context takes as long as reading a small store).
    pub fn spawn(path: PathBuf) -> Loader {
        let (tx, requests) = mpsc::channel();
        let (replies, rx) = mpsc::channel();
        let repaint: Arc<OnceLock<egui::Context>> = Arc::default();
        let wake = Arc::clone(&repaint);
        let rows_read = Arc::new(AtomicUsize::new(0));
        let progress = Arc::clone(&rows_read);
        let spawned = std::thread::Builder::new()
            .name("marketscope-store-loader".into())
            .spawn(move || serve(&path, &requests, &replies, &wake, &progress));
        let mut loader = Loader {
            tx,
            rx,
            pending: 0,
            repaint,
            rows_read,
        };
        match spawned {
            Ok(_) => loader.pending = 1,
            Err(e) => {
                // No thread, no store: say so in the error panel rather than panic.
                let (fail_tx, fail_rx) = mpsc::channel();
                let _ = fail_tx.send(Reply::Failed(format!(
                    "could not start the loader thread: {e}"
                )));
                loader.rx = fail_rx;
                loader.pending = 1;
            }
        }
        loader
    }

    /// The context to wake when a reply arrives; replies sent before this wait for the next frame.
    pub fn attach(&self, ctx: &egui::Context) {
        let _ = self.repaint.set(ctx.clone());
        ctx.request_repaint();
    }

    pub fn send(&mut self, request: Request) {
        if self.tx.send(request).is_ok() {
            self.pending += 1;
        }
    }

    /// Replies that arrived since the last frame.
    pub fn poll(&mut self) -> Vec<Reply> {
        let replies: Vec<Reply> = self.rx.try_iter().collect();
        for reply in &replies {
            // Every request ends with a snapshot or a failure; an import's report comes before it.
            if !matches!(
                reply,
                Reply::Imported(_) | Reply::Edited(_) | Reply::Detailed(_)
            ) {
                self.pending = self.pending.saturating_sub(1);
            }
        }
        replies
    }

    /// Asks for windows of long series without the spinner: the overviews stay on screen until
    /// the figures arrive as [`Reply::Detailed`].
    pub fn request_details(&mut self, windows: Vec<DetailWindow>) -> bool {
        self.tx.send(Request::Details(windows)).is_ok()
    }

    /// Whether a request is still being worked on (the UI shows a spinner).
    pub fn is_busy(&self) -> bool {
        self.pending > 0
    }

    /// How many figures the load in progress has read, once it has read some.
    pub fn rows_read(&self) -> Option<usize> {
        let n = self.rows_read.load(Ordering::Relaxed);
        (self.is_busy() && n > 0).then_some(n)
    }
}

fn serve(
    path: &Path,
    requests: &Receiver<Request>,
    replies: &Sender<Reply>,
    repaint: &OnceLock<egui::Context>,
    rows_read: &AtomicUsize,
) {
    let send = |reply: Reply| {
        let _ = replies.send(reply);
        if let Some(ctx) = repaint.get() {
            ctx.request_repaint();
        }
    };
    let generation = std::cell::Cell::new(0u64);
    // The last snapshot sent, and the overviews its zoomed windows replaced, for detail reads.
    let last: std::cell::RefCell<Option<Arc<Snapshot>>> = Default::default();
    let pristine: std::cell::RefCell<Pristine> = Default::default();
    let mut store: Option<Store> = None;
    let mut seen_version: Option<i64> = None;

    // Opens the store if needed and sends a fresh snapshot, or the reason there is none.
    let load = |store: &mut Option<Store>, seen_version: &mut Option<i64>| {
        if store.is_none() {
            match Store::open(path) {
                Ok(s) => *store = Some(s),
                Err(e) => {
                    send(Reply::Failed(e.to_string()));
                    return;
                }
            }
        }
        let Some(s) = store.as_mut() else { return };
        generation.set(generation.get() + 1);
        *seen_version = s.data_version().ok();
        let mut progress = |n: usize| {
            rows_read.store(n, Ordering::Relaxed);
            if let Some(ctx) = repaint.get() {
                ctx.request_repaint();
            }
        };
        let read = Snapshot::read_with_overviews(s, generation.get(), &mut progress);
        rows_read.store(0, Ordering::Relaxed);
        match read {
            Ok((snapshot, overviews)) => {
                // Counted before the snapshot goes, so a window closed on its first frame waits.
                let _writing = CacheWrite::start();
                let snapshot = Arc::new(snapshot);
                *last.borrow_mut() = Some(Arc::clone(&snapshot));
                pristine.borrow_mut().clear();
                send(Reply::Loaded(snapshot));
                keep_overviews(s, *seen_version, &overviews);
            }
            Err(e) => send(Reply::Failed(e.to_string())),
        }
    };

    load(&mut store, &mut seen_version);
    loop {
        match requests.recv_timeout(POLL_INTERVAL) {
            Ok(Request::Reload) => {
                store = None;
                load(&mut store, &mut seen_version);
            }
            Ok(Request::LoadSample) => {
                let outcome = with_open(&mut store, |s| {
                    s.load_sample()
                        .map(|report| format!("Loaded the sample data.\n{report}"))
                        .map_err(|e| e.to_string())
                });
                send(Reply::Imported(outcome));
                load(&mut store, &mut seen_version);
            }
            Ok(Request::Import(paths)) => {
                let outcome = with_open(&mut store, |s| import_paths(s, &paths));
                send(Reply::Imported(outcome));
                load(&mut store, &mut seen_version);
            }
            Ok(Request::Edit(edit)) => {
                let outcome = with_open(&mut store, |s| apply_edit(s, edit));
                send(Reply::Edited(outcome));
                load(&mut store, &mut seen_version);
            }
            Ok(Request::Details(windows)) => {
                let Some(snap) = last.borrow().clone() else {
                    continue;
                };
                generation.set(generation.get() + 1);
                let detailed = read_details(
                    store.as_ref(),
                    &snap,
                    &mut pristine.borrow_mut(),
                    windows,
                    generation.get(),
                );
                *last.borrow_mut() = Some(Arc::clone(&detailed));
                send(Reply::Detailed(detailed));
            }
            Err(RecvTimeoutError::Timeout) => {
                let changed = store
                    .as_ref()
                    .and_then(|s| s.data_version().ok())
                    .is_some_and(|v| Some(v) != seen_version);
                if changed {
                    load(&mut store, &mut seen_version);
                }
            }
            Err(RecvTimeoutError::Disconnected) => return,
        }
    }
}

/// What `write` did to the open store, or that none is open.
fn with_open(
    store: &mut Option<Store>,
    write: impl FnOnce(&mut Store) -> Result<String, String>,
) -> Result<String, String> {
    store
        .as_mut()
        .map_or_else(|| Err("the store is not open".to_string()), write)
}

/// `snap` with the windows read whole; a window that cannot be read keeps its overview. Every
/// request is answered, so the dashboard never waits on one: with no store open (a reload
/// failed), the snapshot goes back as it was.
fn read_details(
    store: Option<&Store>,
    snap: &Arc<Snapshot>,
    pristine: &mut Pristine,
    windows: Vec<DetailWindow>,
    generation: u64,
) -> Arc<Snapshot> {
    let Some(store) = store else {
        return Arc::clone(snap);
    };
    let read: Vec<_> = windows
        .into_iter()
        .filter_map(|w| {
            Some((
                w,
                store
                    .series_window(w.series_id, w.kind, w.from, w.to)
                    .ok()?,
            ))
        })
        .collect();
    Arc::new(snap.with_details(pristine, read, generation))
}

/// Stores the overviews of long series read whole, so the next start reads a few thousand
/// figures of each instead. A cache: when it cannot be written (a read-only store, another
/// writer in between) the next start reads the series whole again, and nothing else changes.
fn keep_overviews(store: &mut Store, seen_version: Option<i64>, overviews: &[SeriesColumns]) {
    let Some(seen) = seen_version else { return };
    if overviews.is_empty() {
        return;
    }
    if let Err(e) = store.write_overviews(seen, overviews) {
        eprintln!("marketscope: the overviews of long series were not kept: {e}");
    }
}

/// Counts an overview write in [`CACHE_WRITES`] while it lives.
struct CacheWrite;

impl CacheWrite {
    fn start() -> CacheWrite {
        CACHE_WRITES.fetch_add(1, Ordering::SeqCst);
        CacheWrite
    }
}

impl Drop for CacheWrite {
    fn drop(&mut self) {
        CACHE_WRITES.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Overview writes in progress (see [`keep_overviews`]).
static CACHE_WRITES: AtomicUsize = AtomicUsize::new(0);

/// Waits, at most `limit`, for overview writes to finish: called once the window has closed. A
/// write cut short rolls back whole, so waiting only saves the next start its time.
pub fn wait_for_cache_writes(limit: Duration) {
    let until = std::time::Instant::now() + limit;
    while CACHE_WRITES.load(Ordering::SeqCst) > 0 && std::time::Instant::now() < until {
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn import_paths(store: &mut Store, paths: &[PathBuf]) -> Result<String, String> {
    let options = ImportOptions::default();
    let files = paths
        .iter()
        .map(|p| read_path(p, &options))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| e.to_string())?;
    store
        .import(files, false)
        .map(|report| report.to_string())
        .map_err(|e| e.to_string())
}

fn apply_edit(store: &mut Store, edit: PresentationEdit) -> Result<String, String> {
    let done = match &edit {
        PresentationEdit::SaveView(view) => store.save_view(view).map(|replaced| {
            let verb = if replaced { "Replaced" } else { "Saved" };
            format!("{verb} the view \"{}\".", view.name)
        }),
        PresentationEdit::RenameView { from, to } => store.rename_view(from, to).map(|found| {
            if found {
                format!("Renamed the view \"{from}\" to \"{to}\".")
            } else {
                format!("No view named \"{from}\".")
            }
        }),
        PresentationEdit::DeleteView(name) => store
            .delete_view(name)
            .map(|_| format!("Deleted the view \"{name}\".")),
        PresentationEdit::Rename { what, id, name } => {
            let name = name.trim();
            if name.is_empty() {
                return Err(format!("The new name of {id} is empty: type a name."));
            }
            let what_text = match what {
                Named::Metric => "metric",
                Named::Platform => "platform",
            };
            store.rename(*what, id, name).map(|found| {
                if found {
                    format!("The {what_text} {id} is now called \"{name}\".")
                } else {
                    format!("No {what_text} {id} in the store.")
                }
            })
        }
        PresentationEdit::AddFormula { metric, formula } => store
            .add_formula_metric(metric, formula)
            .map(|()| format!("Added the formula metric \"{}\" = {formula}.", metric.name)),
        PresentationEdit::SaveStory(story) => store.save_story(story).map(|_| {
            format!(
                "Saved the story \"{}\" ({} steps).",
                story.name,
                story.steps.len()
            )
        }),
    };
    done.map_err(|e| e.to_string())
}
