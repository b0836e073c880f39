//! When mimalloc (the binary's allocator) gives freed pages back.

// Linked into every binary of the crate, so that the option below exists
// where mimalloc is not the global allocator (the unit tests).
extern crate mimalloc;

/// From now on, freed pages go back to the system at once, not after
/// mimalloc's 10 ms: a large run's peak was otherwise every short-lived
/// buffer of the last 10 ms on top of what is live, 123 MB instead of 87
/// for checking 100,000 candidates at the same CPU time (measured with
/// MIMALLOC_PURGE_DELAY=0). Called when a candidate list is read; a build
/// without one (a notice) keeps the delay, which spared it 8 to 11 % of
/// its page faults and 1 to 2 ms of its 20 (`notice.sh`, interleaved).
pub fn give_back_at_once() {
    // `mi_option_purge_delay` of mimalloc.h's `mi_option_t` (v2 and v3).
    const PURGE_DELAY: std::ffi::c_int = 15;
    extern "C" {
        fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
    }
    // SAFETY: sets one of the allocator's options, which it reads
    // atomically; with another global allocator (the library's unit
    // tests) it sets an option of an allocator nothing uses.
    unsafe { mi_option_set(PURGE_DELAY, 0) }
}
