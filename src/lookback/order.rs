//! Putting large lists of rows in order by small keys.

use std::cmp::Ordering;

use rayon::prelude::*;

/// `items` in the order of `key`, then of `tie` where keys are equal, then as they came: a
/// stable sort. The keys are sorted beside each item's place, on all cores, and the items are
/// moved once. Sorting the items themselves moved each of them at every step and read what it
/// compared from all over memory: at 100,000 records that grew faster than the records did.
pub fn by_key<T: Send + Sync, K: Ord + Send>(
    items: Vec<T>,
    key: impl Fn(&T) -> K + Sync,
    tie: impl Fn(&T, &T) -> Ordering + Sync,
) -> Vec<T> {
    let mut order: Vec<(K, usize)> = (items.par_iter().enumerate())
        .map(|(place, item)| (key(item), place))
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
        let sorted = by_key(items.clone(), |item| item.0, |a, b| a.1.cmp(b.1));
        let mut stable = items;
        stable.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(b.1)));
        assert_eq!(sorted, stable);
        assert_eq!(
            sorted.iter().map(|item| item.2).collect::<Vec<_>>(),
            [4, 1, 2, 0, 3]
        );
    }
}
