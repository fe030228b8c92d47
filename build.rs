//! Tells the tests whether they drive a fortb built for another system through a runner
//! (`FORTB_TEST_RUNNER=wine` with `FORTB_TEST_BIN=…/fortb.exe`, as `.ci/windows` does), so
//! that a test which cannot run there is reported as ignored, with its reason, rather than
//! passing without having run.

fn main() {
    println!("cargo::rustc-check-cfg=cfg(foreign_fortb)");
    println!("cargo::rerun-if-env-changed=FORTB_TEST_RUNNER");
    if std::env::var_os("FORTB_TEST_RUNNER").is_some() {
        println!("cargo::rustc-cfg=foreign_fortb");
    }
}
