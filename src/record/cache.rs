//! The parse cache, `.fortb/record-cache`: what the TOML reader made of each record's text,
//! found by a hash of that text. A read-only command still reads every file, so it always
//! sees the records as they are on disk now; it parses only the texts it has not seen before.
//! Parsing was nine tenths of the work of reading (docs/performance.md).
//!
//! The cache holds the parser's tree ([`cached_tree`]), not records: each use reads the record
//! from the tree by this build's own rules, so a new fortb never shows what an older one made
//! of a file. A text is found only by the hash of all its bytes (128-bit SipHash), so an edit
//! of any kind, in any editor, with any file time, is a text not seen before. Its list of
//! entries is checked whole before use and each tree as it is read; a cache that is damaged,
//! cut short or from another build is read past and written anew. It is only ever a cache:
//! deleting it costs one slower command.

use std::fs::File;
use std::hash::Hasher as _;
use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use siphasher::sip::SipHasher13 as TreeCheck;
use siphasher::sip128::SipHasher13;

use crate::error::Result;
use crate::model::initiative::Record;
use crate::record::{cached_tree, parse, private};

const FILE: &str = "record-cache";

/// What a cache file begins with: its kind and layout version.
const MAGIC: &[u8; 8] = b"fortbRC5";
/// This build's mark: fortb's version and the parser's (`build.rs`, from `Cargo.lock`), since
/// another parser might read the same text into another tree.
const BUILD: &str = env!("FORTB_CACHE_BUILD");
/// Magic, build mark, number of entries, and a checksum of the header and the entries.
const HEADER: usize = 8 + 16 + 8 + 16;
/// An entry: the text's hash, where its tree begins and its length, and the tree's checksum.
const ENTRY: usize = 16 + 8 + 4 + 8;

/// The cache of one command's reading. Only its entries are held in memory; each tree is
/// read from the file when its text comes up, so the cache adds next to nothing to what a
/// command holds. Used from the reading threads at once: each marks the entries it found and
/// adds the trees it made; [`RecordCache::save`] writes the result.
pub struct RecordCache {
    /// The project whose `.fortb/` holds the cache; `None` for a reading without one.
    root: Option<PathBuf>,
    /// The cache file, when there is one of this build with its entries found right.
    file: Option<File>,
    entries: Vec<u8>,
    buckets: Buckets,
    seen: Vec<AtomicBool>,
    new: Mutex<Vec<(u128, Vec<u8>)>>,
}

/// Where the entries of each bucket of hashes begin: the hashes are spread evenly, so their
/// first bits share them out about four to a bucket. The search for a hash starts among the
/// few entries of its own bucket: a search of the whole list probed it all over, and at
/// 100,000 records (3.6 MB of entries) each probe missed the processor's caches.
struct Buckets {
    /// How many of a hash's first bits number its bucket.
    bits: u32,
    /// Where each bucket's entries begin, and after the last, where the entries end.
    starts: Vec<usize>,
}

impl Buckets {
    /// The buckets of `count` entries sorted by hash, read by `hash_of`.
    fn of(count: usize, hash_of: impl Fn(usize) -> u128) -> Buckets {
        let bits = (count / 4).max(1).next_power_of_two().trailing_zeros();
        let mut buckets = Buckets {
            bits,
            starts: Vec::with_capacity((1 << bits) + 1),
        };
        for index in 0..count {
            let bucket = buckets.bucket(hash_of(index));
            while buckets.starts.len() <= bucket {
                buckets.starts.push(index);
            }
        }
        buckets.starts.resize((1 << bits) + 1, count);
        buckets
    }

    fn bucket(&self, hash: u128) -> usize {
        // No bits (a cache of a few entries): one bucket. The shift leaves at most 2^bits.
        usize::try_from(hash.checked_shr(128 - self.bits).unwrap_or(0)).unwrap_or(usize::MAX)
    }

    /// The entries `hash` is among if it is in the cache at all.
    fn range(&self, hash: u128) -> (usize, usize) {
        let bucket = self.bucket(hash);
        match (self.starts.get(bucket), self.starts.get(bucket + 1)) {
            (Some(&start), Some(&end)) => (start, end),
            _ => (0, 0),
        }
    }
}

impl RecordCache {
    /// The cache of the project at `root`; an empty one when it has none that can be used.
    pub fn open(root: &Path) -> RecordCache {
        let path = root.join(private::PRIVATE_DIR).join(FILE);
        let (file, entries) = match parse::open_regular(&path).and_then(checked_entries) {
            Some((file, entries)) => (Some(file), entries),
            None => (None, Vec::new()),
        };
        let count = entries.len() / ENTRY;
        RecordCache {
            root: Some(root.to_path_buf()),
            seen: (0..count).map(|_| AtomicBool::new(false)).collect(),
            buckets: Buckets::of(count, |i| entry_hash(&entries[i * ENTRY..(i + 1) * ENTRY])),
            file,
            entries,
            new: Mutex::new(Vec::new()),
        }
    }

    /// No cache: every record is parsed from its text, and nothing is kept.
    pub fn none() -> RecordCache {
        RecordCache {
            root: None,
            file: None,
            entries: Vec::new(),
            buckets: Buckets::of(0, |_| 0),
            seen: Vec::new(),
            new: Mutex::new(Vec::new()),
        }
    }

    /// The record in `text`, read from the file at `path`: from the cached tree of the same
    /// text when there is one, else parsed (and its tree kept for next time). Keeps the answers
    /// the reading thread was told to keep ([`Answers::reading`](crate::model::initiative::Answers::reading)), as parsing does. A
    /// record that does not read is reported from its text, with its line and column.
    pub fn read(&self, path: &Path, text: &str) -> Result<Record> {
        if self.root.is_none() {
            return parse_text(path, text);
        }
        let hash = SipHasher13::new().hash(text.as_bytes()).as_u128();
        if let Some(index) = self.find(hash) {
            let tree = with_tree(self.file.as_ref(), self.entry(index), |tree| {
                cached_tree::decode(tree, text).ok()
            });
            if let Some(record) = tree {
                self.seen[index].store(true, Ordering::Relaxed);
                return Ok(record);
            }
        }
        // New to the cache, or its tree did not read back whole: parsed, and kept anew.
        if let Some((record, tree)) = parse_keeping_tree(path, text) {
            self.new
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push((hash, tree));
            return Ok(record);
        }
        parse_text(path, text)
    }

    /// Keeps the cache to be written by [`save_kept`] once the command has done its work.
    pub fn keep_for_saving(self) {
        if self.root.is_some() {
            KEPT.lock().unwrap_or_else(|e| e.into_inner()).push(self);
        }
    }

    /// Writes the cache back when it changed: the entries found this time and the new ones.
    /// Entries of texts no longer in any record are dropped, so the cache never keeps what
    /// was deleted longer than the next reading. A cache that cannot be written is done
    /// without.
    pub fn save(mut self) {
        let Some(root) = self.root.take() else { return };
        let new = std::mem::take(&mut *self.new.lock().unwrap_or_else(|e| e.into_inner()));
        let seen = |i: &usize| self.seen[*i].load(Ordering::Relaxed);
        let kept: Vec<usize> = (0..self.seen.len()).filter(seen).collect();
        if new.is_empty() && kept.len() == self.seen.len() {
            return;
        }
        let old = kept.iter().filter_map(|&i| {
            let entry = self.entry(i);
            let tree = with_tree(self.file.as_ref(), entry, |tree| Some(tree.to_vec()))?;
            Some((entry_hash(entry), tree))
        });
        let mut trees: Vec<(u128, Vec<u8>)> = old.collect();
        trees.extend(new);
        trees.sort_unstable_by_key(|(hash, _)| *hash);
        trees.dedup_by_key(|(hash, _)| *hash);
        // Closed first: Windows does not replace a file that is open.
        drop(self);
        let _slower_next_time = write(&root, &trees);
    }

    /// The position of the entry for `hash`: searched for among the few of its
    /// [bucket](Buckets), whose entries lie side by side in memory.
    fn find(&self, hash: u128) -> Option<usize> {
        let (mut low, mut high) = self.buckets.range(hash);
        while low < high {
            let middle = (low + high) / 2;
            match entry_hash(self.entry(middle)).cmp(&hash) {
                std::cmp::Ordering::Less => low = middle + 1,
                std::cmp::Ordering::Greater => high = middle,
                std::cmp::Ordering::Equal => return Some(middle),
            }
        }
        None
    }

    fn entry(&self, index: usize) -> &[u8] {
        &self.entries[index * ENTRY..(index + 1) * ENTRY]
    }
}

/// The record in `text` as the parser reads it, or the diagnostic of why it does not read.
fn parse_text(path: &Path, text: &str) -> Result<Record> {
    parse::parse_toml(path, text).map_err(crate::error::Error::invalid)
}

/// The caches of this command's readings, to be written once it has done its work.
static KEPT: Mutex<Vec<RecordCache>> = Mutex::new(Vec::new());

/// Writes the caches the command's readings kept ([`RecordCache::keep_for_saving`]). A command
/// calls this only when it succeeded: one that was refused writes nothing.
pub fn save_kept() {
    let kept = std::mem::take(&mut *KEPT.lock().unwrap_or_else(|e| e.into_inner()));
    kept.into_iter().for_each(RecordCache::save);
}

/// Parses `text` into the parser's tree and reads the record from that tree, so that what is
/// kept is what was read. `None` when the text does not parse, the record does not read from
/// the tree, or the text holds a git conflict marker: the caller then parses the text itself,
/// for the diagnostic.
fn parse_keeping_tree(path: &Path, text: &str) -> Option<(Record, Vec<u8>)> {
    if parse::conflict_marker(path, text).is_some() {
        return None;
    }
    let tree = cached_tree::encode(text)?;
    let record = cached_tree::decode(&tree, text).ok()?;
    Some((record, tree))
}

/// The entries of a cache file of this build, once its header, checksum, order and every
/// tree's place are found right; `None` for anything else.
fn checked_entries((mut file, size): (File, u64)) -> Option<(File, Vec<u8>)> {
    let mut header = [0; HEADER];
    file.read_exact(&mut header).ok()?;
    if &header[..8] != MAGIC || header[8..24] != build_mark() {
        return None;
    }
    let count = u64::from_le_bytes(header[24..32].try_into().ok()?);
    let trees = count
        .checked_mul(ENTRY as u64)?
        .checked_add(HEADER as u64)?;
    if trees > size {
        return None;
    }
    let mut entries = vec![0; usize::try_from(trees).ok()? - HEADER];
    file.read_exact(&mut entries).ok()?;
    if header[32..] != checksum(&header[..32], &entries) {
        return None;
    }
    let entry = |i: usize| &entries[i * ENTRY..(i + 1) * ENTRY];
    let in_file = |i: usize| {
        let (start, length) = tree_place(entry(i));
        start >= trees && start.checked_add(length).is_some_and(|end| end <= size)
    };
    let sorted = |i: usize| i == 0 || entry_hash(entry(i - 1)) < entry_hash(entry(i));
    (0..entries.len() / ENTRY)
        .all(|i| in_file(i) && sorted(i))
        .then_some((file, entries))
}

fn checksum(header: &[u8], entries: &[u8]) -> [u8; 16] {
    let mut hasher = SipHasher13::new();
    hasher.write(header);
    hasher.write(entries);
    siphasher::sip128::Hasher128::finish128(&hasher).as_bytes()
}

fn build_mark() -> [u8; 16] {
    SipHasher13::new().hash(BUILD.as_bytes()).as_bytes()
}

fn entry_hash(entry: &[u8]) -> u128 {
    u128::from_le_bytes(entry[..16].try_into().unwrap_or_default())
}

fn tree_place(entry: &[u8]) -> (u64, u64) {
    let start = u64::from_le_bytes(entry[16..24].try_into().unwrap_or_default());
    let length = u32::from_le_bytes(entry[24..28].try_into().unwrap_or_default());
    (start, u64::from(length))
}

fn tree_check(tree: &[u8]) -> u64 {
    let mut hasher = TreeCheck::new();
    hasher.write(tree);
    hasher.finish()
}

thread_local! {
    /// One buffer per reading thread for the trees it reads, reused from record to record.
    static TREE: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Reads the tree of `entry` from the cache file and hands it to `use_tree`, once it is found
/// whole and as written (its checksum); `None` when it cannot be.
fn with_tree<T>(
    file: Option<&File>,
    entry: &[u8],
    use_tree: impl FnOnce(&[u8]) -> Option<T>,
) -> Option<T> {
    let file = file?;
    let (start, length) = tree_place(entry);
    let check = u64::from_le_bytes(entry[28..36].try_into().ok()?);
    TREE.with(|buffer| {
        let mut tree = buffer.take();
        tree.resize(usize::try_from(length).ok()?, 0);
        let found = read_at(file, &mut tree, start).is_ok() && tree_check(&tree) == check;
        let result = found.then(|| use_tree(&tree)).flatten();
        buffer.replace(tree);
        result
    })
}

#[cfg(unix)]
fn read_at(file: &File, buffer: &mut [u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buffer, offset)
}

/// Windows reads at a place with `seek_read`, which may read less than asked.
#[cfg(windows)]
fn read_at(file: &File, mut buffer: &mut [u8], mut offset: u64) -> std::io::Result<()> {
    while !buffer.is_empty() {
        match std::os::windows::fs::FileExt::seek_read(file, buffer, offset)? {
            0 => return Err(std::io::ErrorKind::UnexpectedEof.into()),
            n => {
                let rest = buffer;
                buffer = &mut rest[n..];
                offset += n as u64;
            }
        }
    }
    Ok(())
}

/// The head of the cache file for `trees`, sorted by hash: its header and entries, which the
/// trees follow in the same order.
fn head(trees: &[(u128, Vec<u8>)]) -> Vec<u8> {
    let mut entries = Vec::with_capacity(trees.len() * ENTRY);
    let mut start = (HEADER + trees.len() * ENTRY) as u64;
    for (hash, tree) in trees {
        entries.extend_from_slice(&hash.to_le_bytes());
        entries.extend_from_slice(&start.to_le_bytes());
        entries.extend_from_slice(&u32::try_from(tree.len()).unwrap_or(u32::MAX).to_le_bytes());
        entries.extend_from_slice(&tree_check(tree).to_le_bytes());
        start += tree.len() as u64;
    }
    let mut head = Vec::with_capacity(HEADER + entries.len());
    head.extend_from_slice(MAGIC);
    head.extend_from_slice(&build_mark());
    head.extend_from_slice(&(trees.len() as u64).to_le_bytes());
    let checksum = checksum(&head, &entries);
    head.extend_from_slice(&checksum);
    head.extend_from_slice(&entries);
    head
}

/// Replaces the cache file with `trees`: written beside it under a name of this process's, then
/// renamed over it, so a reader finds the old cache or the new one whole. Written tree by tree,
/// never made whole in memory. Not synced to disk: a tree cut short by a power cut fails its
/// checksum and its text is parsed again.
fn write(root: &Path, trees: &[(u128, Vec<u8>)]) -> Result<()> {
    let dir = private::private_dir(root)?;
    let path = dir.join(FILE);
    let temp = dir.join(format!(".{FILE}.{}.tmp", std::process::id()));
    // A new file only: never through whatever else may stand under that name.
    let mut options = std::fs::OpenOptions::new();
    let written = options
        .write(true)
        .create_new(true)
        .open(&temp)
        .and_then(|file| {
            let mut out = std::io::BufWriter::new(file);
            out.write_all(&head(trees))?;
            trees.iter().try_for_each(|(_, tree)| out.write_all(tree))?;
            out.flush()
        });
    let renamed = written.and_then(|()| std::fs::rename(&temp, &path));
    if let Err(error) = renamed {
        let _ = std::fs::remove_file(&temp);
        return Err(crate::error::Error::io(&path, error));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A cache of `hashes` as [`RecordCache::open`] would hold it, each entry's tree empty.
    fn with_hashes(hashes: &[u128]) -> RecordCache {
        let mut entries = Vec::new();
        for hash in hashes {
            entries.extend_from_slice(&hash.to_le_bytes());
            entries.extend_from_slice(&[0; ENTRY - 16]);
        }
        RecordCache {
            root: None,
            file: None,
            entries,
            buckets: Buckets::of(hashes.len(), |i| hashes[i]),
            seen: hashes.iter().map(|_| AtomicBool::new(false)).collect(),
            new: Mutex::new(Vec::new()),
        }
    }

    proptest::proptest! {
        /// Every hash held is found where it is, and no other hash is found, whatever the
        /// hashes are: spread evenly, bunched up at one end, or few.
        #[test]
        fn the_search_finds_exactly_the_hashes_held(
            mut hashes in proptest::collection::vec(proptest::num::u128::ANY, 0..3000),
            bunched in proptest::bool::ANY,
            others in proptest::collection::vec(proptest::num::u128::ANY, 0..20),
        ) {
            if bunched {
                hashes.iter_mut().for_each(|h| *h >>= 100);
            }
            hashes.sort_unstable();
            hashes.dedup();
            let cache = with_hashes(&hashes);
            for (index, hash) in hashes.iter().enumerate() {
                proptest::prop_assert_eq!(cache.find(*hash), Some(index));
            }
            for other in others.iter().chain(&[0, u128::MAX]) {
                let expected = hashes.binary_search(other).ok();
                proptest::prop_assert_eq!(cache.find(*other), expected);
            }
        }
    }
}
