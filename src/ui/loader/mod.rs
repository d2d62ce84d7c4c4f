//! The loader thread: the only place the dashboard touches the store. It opens its own store (a
//! file or a server's), reads snapshots, loads the sample, imports CSV files and writes edits on
//! request, notices other writers (the command line, a colleague) and, on a server, outages.

mod edits;

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use chrono::{DateTime, Local};
use eframe::egui;

use crate::dashboard::details::{DetailWindow, Pristine};
use crate::dashboard::snapshot::Snapshot;
use crate::model::{Metric, SavedView, Story};
use crate::store::live::LiveStore;
use crate::store::{AnyStore, Location, Named, SeriesColumns};

/// How often the loader checks whether another program changed the store (`PRAGMA data_version`,
/// or a server's notices) and retries a server out of reach: each is one cheap round trip, so a
/// second's delay costs nothing and feels immediate.
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
    /// The store's server stopped answering at this time: the figures on screen stay, and the
    /// loader reconnects by itself (a [`Reply::Loaded`] says it is back).
    Offline(DateTime<Local>),
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
    pub fn spawn(location: Location) -> Loader {
        let (tx, requests) = mpsc::channel();
        let (replies, rx) = mpsc::channel();
        let repaint: Arc<OnceLock<egui::Context>> = Arc::default();
        let wake = Arc::clone(&repaint);
        let rows_read = Arc::new(AtomicUsize::new(0));
        let progress = Arc::clone(&rows_read);
        let spawned = std::thread::Builder::new()
            .name("marketscope-store-loader".into())
            .spawn(move || serve(location, &requests, &replies, &wake, &progress));
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
                Reply::Imported(_) | Reply::Edited(_) | Reply::Detailed(_) | Reply::Offline(_)
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

/// The loader thread's state: the open store (none while a server is out of reach) and what
/// was last sent.
struct Serve<'a> {
    location: Location,
    store: Option<LiveStore>,
    /// When a server stopped answering; `None` while it answers (and always for a file).
    offline_since: Option<DateTime<Local>>,
    generation: u64,
    /// The last snapshot sent, and the overviews its zoomed windows replaced, for detail reads.
    last: Option<Arc<Snapshot>>,
    pristine: Pristine,
    replies: &'a Sender<Reply>,
    repaint: &'a OnceLock<egui::Context>,
    rows_read: &'a AtomicUsize,
}

fn serve(
    location: Location,
    requests: &Receiver<Request>,
    replies: &Sender<Reply>,
    repaint: &OnceLock<egui::Context>,
    rows_read: &AtomicUsize,
) {
    let mut serve = Serve {
        location,
        store: None,
        offline_since: None,
        generation: 0,
        last: None,
        pristine: Pristine::default(),
        replies,
        repaint,
        rows_read,
    };
    serve.load();
    loop {
        match requests.recv_timeout(POLL_INTERVAL) {
            Ok(Request::Reload) => {
                serve.store = None;
                serve.load();
            }
            Ok(Request::LoadSample) => {
                let outcome = serve.write(|s| {
                    s.load_sample()
                        .map(|report| format!("Loaded the sample data.\n{report}"))
                        .map_err(|e| e.to_string())
                });
                serve.send(Reply::Imported(outcome));
                serve.load();
            }
            Ok(Request::Import(paths)) => {
                let outcome = serve.write(|s| edits::import_paths(s, &paths));
                serve.send(Reply::Imported(outcome));
                serve.load();
            }
            Ok(Request::Edit(edit)) => {
                let outcome = serve.write(|s| edits::apply_edit(s, edit));
                serve.send(Reply::Edited(outcome));
                serve.load();
            }
            Ok(Request::Details(windows)) => serve.details(windows),
            Err(RecvTimeoutError::Timeout) => serve.watch(),
            Err(RecvTimeoutError::Disconnected) => return,
        }
    }
}

impl Serve<'_> {
    fn send(&self, reply: Reply) {
        let _ = self.replies.send(reply);
        if let Some(ctx) = self.repaint.get() {
            ctx.request_repaint();
        }
    }

    /// Opens the store if needed and sends a fresh snapshot, or the reason there is none.
    fn load(&mut self) {
        if self.store.is_none() {
            match LiveStore::open(&self.location) {
                Ok(s) => self.store = Some(s),
                Err(e) => {
                    self.send(Reply::Failed(self.offline_text(&e.to_string())));
                    return;
                }
            }
        }
        // Taken out while the snapshot is read and sent, and put back after.
        let Some(mut store) = self.store.take() else {
            return;
        };
        self.generation += 1;
        let (rows_read, repaint) = (self.rows_read, self.repaint);
        let mut progress = |n: usize| {
            rows_read.store(n, Ordering::Relaxed);
            if let Some(ctx) = repaint.get() {
                ctx.request_repaint();
            }
        };
        let read = Snapshot::read_live(&mut store, self.generation, &mut progress);
        rows_read.store(0, Ordering::Relaxed);
        match read {
            Ok((snapshot, overviews)) => {
                // Counted before the snapshot goes, so a window closed on its first frame waits.
                let _writing = CacheWrite::start();
                let snapshot = Arc::new(snapshot);
                self.last = Some(Arc::clone(&snapshot));
                self.pristine.clear();
                self.offline_since = None;
                self.send(Reply::Loaded(snapshot));
                keep_overviews(&mut store, &overviews);
                self.store = Some(store);
            }
            Err(e) => {
                let message = e.to_string();
                self.store = Some(store);
                self.lose_if_unreachable();
                self.send(Reply::Failed(self.offline_text(&message)));
            }
        }
    }

    /// Between requests: reloads when another program changed the store, notices a server that
    /// stopped answering, and reconnects to it once it answers again.
    fn watch(&mut self) {
        let Some(store) = self.store.as_mut() else {
            if self.offline_since.is_some()
                && let Ok(store) = LiveStore::open(&self.location)
            {
                // Back: a fresh snapshot, which clears the offline state.
                self.store = Some(store);
                self.load();
            }
            return;
        };
        match store.changed() {
            Ok(true) => self.load(),
            Ok(false) => {}
            Err(_) => self.lose_if_unreachable(),
        }
    }

    /// Drops a server's store that no longer answers and says so, once; the figures on screen
    /// stay. A file is never "offline": its errors are reported as they are.
    fn lose_if_unreachable(&mut self) {
        let Some(store) = self.store.as_mut() else {
            return;
        };
        if !store.is_remote() || store.is_reachable() {
            return;
        }
        self.store = None;
        let since = *self.offline_since.get_or_insert_with(Local::now);
        self.send(Reply::Offline(since));
    }

    /// The error, with the outage it comes from when the server is out of reach.
    fn offline_text(&self, message: &str) -> String {
        match self.offline_since {
            Some(since) => format!(
                "{message} (the server has not answered since {}; retrying every second)",
                since.format("%H:%M")
            ),
            None => message.to_string(),
        }
    }

    /// What `write` did to the open store. Nothing is written while a server is out of reach;
    /// a write cut off by an outage is rolled back by the server whole.
    fn write(
        &mut self,
        write: impl FnOnce(&mut AnyStore) -> Result<String, String>,
    ) -> Result<String, String> {
        if let Some(since) = self.offline_since {
            return Err(format!(
                "Offline since {}: the server cannot be reached, so nothing was written. Try again once it is back.",
                since.format("%H:%M")
            ));
        }
        let Some(store) = self.store.as_mut() else {
            return Err("the store is not open".to_string());
        };
        let outcome = write(store.engine());
        if outcome.is_err() {
            self.lose_if_unreachable();
        }
        outcome
    }

    /// The last snapshot with the windows read whole; a window that cannot be read keeps its
    /// overview. Every request is answered, so the dashboard never waits on one: with no store
    /// open (a reload failed, a server out of reach), the snapshot goes back as it was.
    fn details(&mut self, windows: Vec<DetailWindow>) {
        let Some(snap) = self.last.clone() else {
            return;
        };
        self.generation += 1;
        let detailed = match self.store.as_ref().and_then(LiveStore::last_read) {
            Some(store) => {
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
                Arc::new(snap.with_details(&mut self.pristine, read, self.generation))
            }
            None => snap,
        };
        self.last = Some(Arc::clone(&detailed));
        self.send(Reply::Detailed(detailed));
    }
}

/// Stores the overviews of long series read whole, so the next start reads a few thousand
/// figures of each instead. A cache: when it cannot be written (a read-only store, another
/// writer in between) the next start reads the series whole again, and nothing else changes.
fn keep_overviews(store: &mut LiveStore, overviews: &[SeriesColumns]) {
    if let Err(e) = store.keep_overviews(overviews) {
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
