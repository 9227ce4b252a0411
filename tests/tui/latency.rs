//! The keystroke-latency harness runs headless over a real engine and measures every
//! prefix of every query.

use std::sync::Arc;

use gwr::bench::keystrokes::keystroke_latency;
use gwr::corpus::Corpus;
use gwr::search::Engine;

#[test]
fn keystroke_latency_measures_every_prefix() {
    let dir = tempfile::tempdir().unwrap();
    let engine = Arc::new(Engine::open(&Corpus::Demo, dir.path(), &mut |_| {}).unwrap());
    let queries = ["乡村振兴", "高质量发展", "5G"];
    let lat = keystroke_latency(&engine, &queries).unwrap();
    assert_eq!(lat.keystrokes, 4 + 5 + 2);
    assert!(lat.p50_ms > 0.0 && lat.p50_ms <= lat.p99_ms && lat.p99_ms <= lat.max_ms);
    assert!(lat.frame_p99_ms > 0.0 && lat.frame_p99_ms <= lat.max_ms);
    eprintln!("demo corpus, keystroke to frame: {lat:?}");
}
