//! One small stable sort for the whole crate.
//!
//! Every `sort_by`/`sort_by_key`/`sort_unstable` of the standard library is a separate copy of
//! its sorting code per element type and comparison (3–4 KB of WebAssembly each). The core
//! sorts only short lists (sections, cells, findings, candidates), so it uses one heapsort of
//! positions behind a `dyn` comparison instead: a few hundred bytes in all.
//!
//! Public so the web crate can sort with it too (its `sort_by_key` calls otherwise bring the
//! standard library's driftsort into the page, about 6 KB of WebAssembly).

/// The positions `0..n` in stable ascending order: `less(a, b)` says whether the element at
/// position `a` sorts before the one at `b` (a strict weak order); equal elements keep their
/// relative order.
pub fn stable_order(n: usize, less: &dyn Fn(usize, usize) -> bool) -> Vec<usize> {
    let before = |a: usize, b: usize| less(a, b) || (!less(b, a) && a < b);
    let mut v: Vec<usize> = (0..n).collect();
    // Heapsort: `before` is a strict total order on positions, so the result is unique.
    // (`get` rather than indexing: no panic paths in the WebAssembly.)
    let sift = |v: &mut [usize], mut root: usize, end: usize| {
        let Some(v) = v.get_mut(..end) else { return };
        loop {
            let mut child = 2 * root + 1;
            let Some(&(mut c)) = v.get(child) else { break };
            if let Some(&d) = v.get(child + 1) {
                if before(c, d) {
                    child += 1;
                    c = d;
                }
            }
            let Some(&r) = v.get(root) else { break };
            if !before(r, c) {
                break;
            }
            swap(v, root, child);
            root = child;
        }
    };
    for i in (0..n / 2).rev() {
        sift(&mut v, i, n);
    }
    for end in (1..n).rev() {
        swap(&mut v, 0, end);
        sift(&mut v, 0, end);
    }
    v
}

/// `v.swap(a, b)` when both are positions of `v` (they always are here).
fn swap<T>(v: &mut [T], a: usize, b: usize) {
    if a < v.len() && b < v.len() {
        v.swap(a, b);
    }
}

/// Puts the elements in `order` (as returned by [`stable_order`]): the element at position
/// `order[i]` moves to position `i`. `swap` exchanges two positions of the sequence.
fn permute(mut order: Vec<usize>, swap: &mut dyn FnMut(usize, usize)) {
    for i in 0..order.len() {
        // Follow the cycle through `i`; a visited position is marked by pointing to itself.
        let mut j = i;
        while let Some(slot) = order.get_mut(j) {
            let k = std::mem::replace(slot, j);
            if k == i {
                break;
            }
            swap(j, k);
            j = k;
        }
    }
}

/// Sorts `v` stably: `less(a, b)` says whether `a` sorts before `b`.
pub fn sort_by<T>(v: &mut [T], less: impl Fn(&T, &T) -> bool) {
    let order = stable_order(v.len(), &|a, b| match (v.get(a), v.get(b)) {
        (Some(x), Some(y)) => less(x, y),
        _ => false,
    });
    permute(order, &mut |a, b| swap(v, a, b));
}

/// Sorts `v` stably by a key (computed once per element).
pub fn sort_by_key<T, K: PartialOrd>(v: &mut [T], key: impl Fn(&T) -> K) {
    let keys: Vec<K> = v.iter().map(key).collect();
    let order = stable_order(
        v.len(),
        &|a, b| matches!((keys.get(a), keys.get(b)), (Some(x), Some(y)) if x < y),
    );
    permute(order, &mut |a, b| swap(v, a, b));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic pseudo-random sequence (no dependency, no clock).
    fn lcg(seed: &mut u64) -> u64 {
        *seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        *seed >> 33
    }

    #[test]
    fn matches_the_standard_stable_sort() {
        let mut seed = 7;
        for n in [0usize, 1, 2, 3, 5, 8, 17, 64, 255, 1000] {
            for modulus in [1u64, 2, 5, 1000] {
                let v: Vec<(u64, usize)> = (0..n).map(|i| (lcg(&mut seed) % modulus, i)).collect();
                let mut want = v.clone();
                want.sort_by_key(|x| x.0);
                let mut got = v.clone();
                sort_by_key(&mut got, |x| x.0);
                assert_eq!(got, want, "n={n} modulus={modulus}");
                let mut got = v.clone();
                sort_by(&mut got, |a, b| b.0 < a.0);
                let mut want = v;
                want.sort_by_key(|b| std::cmp::Reverse(b.0));
                assert_eq!(got, want, "descending n={n} modulus={modulus}");
            }
        }
    }

    #[test]
    fn order_of_strings() {
        let words = ["b", "a", "c", "a", "b"];
        assert_eq!(
            stable_order(words.len(), &|a, b| words[a] < words[b]),
            vec![1, 3, 0, 4, 2]
        );
    }
}
