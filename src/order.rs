//! Putting large lists of rows in order by small keys.

use std::cmp::Ordering;

use rayon::prelude::*;

/// `items` in the order of `key` (of each item's place and the item), then of `tie` where keys
/// are equal, then as they came: a stable sort. The keys are sorted beside each item's place,
/// on all cores, and the items are moved once. Sorting the items themselves moved each of them at every step and read what it
/// compared from all over memory: at 100,000 records that grew faster than the records did.
pub fn by_key<T: Send + Sync, K: Ord + Send>(
    items: Vec<T>,
    key: impl Fn(usize, &T) -> K + Sync,
    tie: impl Fn(&T, &T) -> Ordering + Sync,
) -> Vec<T> {
    let mut order: Vec<(K, usize)> = (items.par_iter().enumerate())
        .map(|(place, item)| (key(place, item), place))
        .collect();
    order.par_sort_unstable_by(|(a, i), (b, j)| {
        a.cmp(b)
            .then_with(|| tie(&items[*i], &items[*j]))
            .then(i.cmp(j))
    });
    let mut items: Vec<Option<T>> = items.into_iter().map(Some).collect();
    (order.into_iter())
        .map(|(_, place)| items[place].take().expect("each item is placed once"))
        .collect()
}

/// `items` in the order of their `text` (byte by byte, as `str` compares). Each item's first
/// 32 bytes are held beside it as two numbers, and the texts are compared whole only where
/// those are alike: sorting 100,000 ids compared strings all over memory, and grew faster
/// than the ids did.
pub fn by_text<T: Send + Sync>(items: Vec<T>, text: impl Fn(&T) -> &str + Sync) -> Vec<T> {
    let key = |_, item: &T| (sixteen_bytes(text(item), 0), sixteen_bytes(text(item), 16));
    by_key(items, key, |a, b| text(a).cmp(text(b)))
}

/// The 16 bytes of `text` from `from`, as a number that sorts as they do. Past the end of
/// the text count zeros: where two numbers differ, they sort as their texts do, and where
/// they are equal the texts are compared whole.
fn sixteen_bytes(text: &str, from: usize) -> u128 {
    let rest = text.as_bytes().get(from..).unwrap_or_default();
    let mut bytes = [0; 16];
    let length = rest.len().min(16);
    bytes[..length].copy_from_slice(&rest[..length]);
    u128::from_be_bytes(bytes)
}

/// Each item's place among the others by id, the same for the same id: large lists are put
/// in order by it without reading their ids, which at 100,000 records lie all over memory,
/// so that comparing them made the sort the slowest part of a command. Items mostly come in
/// the order of their ids already (as a project's folder gives them), and then their places
/// are their ranks.
pub fn id_ranks<T: Sync>(items: &[T], id: impl Fn(&T) -> &str + Sync) -> Vec<u32> {
    let mut by_id: Vec<usize> = (0..items.len()).collect();
    // An organiser's units come one after the other, each in the order of its ids.
    if !items
        .par_windows(2)
        .all(|pair| id(&pair[0]) <= id(&pair[1]))
    {
        by_id.par_sort_by(|&a, &b| id(&items[a]).cmp(id(&items[b])));
    }
    let mut ranks = vec![0; items.len()];
    let mut rank = 0;
    for (place, pair) in by_id.windows(2).enumerate() {
        if id(&items[pair[0]]) != id(&items[pair[1]]) {
            rank = u32::try_from(place + 1).expect("fewer than 4 billion records");
        }
        ranks[pair[1]] = rank;
    }
    ranks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_first_then_the_tie_then_the_order_given() {
        let items = vec![
            (2, "b", 0),
            (1, "z", 1),
            (2, "a", 2),
            (2, "b", 3),
            (1, "y", 4),
        ];
        let sorted = by_key(items.clone(), |_, item| item.0, |a, b| a.1.cmp(b.1));
        let mut stable = items;
        stable.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(b.1)));
        assert_eq!(sorted, stable);
        assert_eq!(
            sorted.iter().map(|item| item.2).collect::<Vec<_>>(),
            [4, 1, 2, 0, 3]
        );
    }

    #[test]
    fn ranks_follow_the_ids_and_equal_ids_share_one() {
        let ranks = |ids: &[&str]| id_ranks(ids, |id| id);
        assert_eq!(ranks(&["a", "b", "b", "c"]), [0, 1, 1, 3]);
        // An organiser's units, one after the other, each in id order.
        assert_eq!(ranks(&["b", "d", "a", "b"]), [1, 3, 0, 1]);
        assert_eq!(ranks(&[]), [0; 0]);
    }

    proptest::proptest! {
        /// Texts sorted by their first bytes held as numbers come in the order `str` gives,
        /// whatever they share at the start, whatever their lengths, NUL bytes too.
        #[test]
        fn texts_come_in_the_order_str_gives(
            texts in proptest::collection::vec("(ab|a\\x00|[a-c]{0,3}){0,14}", 0..60),
        ) {
            let mut expected = texts.clone();
            expected.sort();
            proptest::prop_assert_eq!(by_text(texts, String::as_str), expected);
        }
    }
}
