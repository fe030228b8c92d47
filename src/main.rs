use std::process::ExitCode;

fn main() -> ExitCode {
    fortb::app::main()
}
