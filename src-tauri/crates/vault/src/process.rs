//! What the operating system may do with this process's memory, which
//! holds the compartment keys and, in the app, the plaintext on screen.

/// Turns off core dumps for this process and for every process it starts
/// (the limit is inherited: the web view's processes too), and on Linux
/// marks the process not dumpable, so another process of the same user
/// cannot read its memory through ptrace or `/proc/<pid>/mem` either.
/// The app and the `vertrouwd` command call it first thing in `main`.
pub fn forbid_memory_dumps() -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use rustix::process::{setrlimit, Resource, Rlimit};
        setrlimit(
            Resource::Core,
            Rlimit {
                current: Some(0),
                maximum: Some(0),
            },
        )?;
    }
    #[cfg(any(target_os = "linux", target_os = "android"))]
    rustix::process::set_dumpable_behavior(rustix::process::DumpableBehavior::NotDumpable)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[cfg(target_os = "linux")]
    #[test]
    fn no_core_dump_and_not_dumpable() {
        super::forbid_memory_dumps().expect("limits");
        let limit = rustix::process::getrlimit(rustix::process::Resource::Core);
        assert_eq!((limit.current, limit.maximum), (Some(0), Some(0)));
        assert_eq!(
            rustix::process::dumpable_behavior().expect("prctl"),
            rustix::process::DumpableBehavior::NotDumpable
        );
    }
}
