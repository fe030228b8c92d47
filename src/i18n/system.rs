//! The operating system's own display languages, asked only when no locale variable says
//! anything: Windows and macOS users set their language in the system settings, not in `LANG`.
//! Linux and other Unix systems have no such setting beyond the locale variables.

/// The user's display languages, most preferred first (`sv-SE`, `en-US`); empty when the
/// system has no such setting or does not answer.
#[cfg(windows)]
pub(super) fn preferred_languages() -> Vec<String> {
    use windows_sys::Win32::Globalization::{GetUserPreferredUILanguages, MUI_LANGUAGE_NAME};
    let mut count = 0u32;
    let mut length = 0u32;
    // SAFETY: a first call with no buffer only reports the length needed.
    let sized = unsafe {
        GetUserPreferredUILanguages(
            MUI_LANGUAGE_NAME,
            &mut count,
            std::ptr::null_mut(),
            &mut length,
        )
    };
    if sized == 0 || length == 0 {
        return Vec::new();
    }
    let mut buffer = vec![0u16; length as usize];
    // SAFETY: the buffer holds the `length` UTF-16 units the first call asked for.
    let filled = unsafe {
        GetUserPreferredUILanguages(
            MUI_LANGUAGE_NAME,
            &mut count,
            buffer.as_mut_ptr(),
            &mut length,
        )
    };
    if filled == 0 {
        return Vec::new();
    }
    // A list of names, each ended by a NUL, the whole list by another one.
    buffer
        .split(|unit| *unit == 0)
        .filter(|name| !name.is_empty())
        .map(String::from_utf16_lossy)
        .collect()
}

/// The user's display languages, most preferred first (`sv-SE`, `en`), from the list in
/// System Settings › General › Language & Region.
#[cfg(target_os = "macos")]
pub(super) fn preferred_languages() -> Vec<String> {
    use core_foundation_sys::array::{CFArrayGetCount, CFArrayGetValueAtIndex};
    use core_foundation_sys::base::CFRelease;
    use core_foundation_sys::locale::CFLocaleCopyPreferredLanguages;
    use core_foundation_sys::string::{kCFStringEncodingUTF8, CFStringGetCString, CFStringRef};

    // SAFETY: the array is owned here (a Copy function) and released once; its items are
    // CFStrings that live as long as it does.
    unsafe {
        let languages = CFLocaleCopyPreferredLanguages();
        if languages.is_null() {
            return Vec::new();
        }
        let mut names = Vec::new();
        for index in 0..CFArrayGetCount(languages) {
            let name = CFArrayGetValueAtIndex(languages, index) as CFStringRef;
            let mut buffer = [0u8; 64];
            if !name.is_null()
                && CFStringGetCString(
                    name,
                    buffer.as_mut_ptr().cast(),
                    buffer.len() as _,
                    kCFStringEncodingUTF8,
                ) != 0
            {
                let end = buffer.iter().position(|b| *b == 0).unwrap_or(buffer.len());
                names.push(String::from_utf8_lossy(&buffer[..end]).into_owned());
            }
        }
        CFRelease(languages.cast());
        names
    }
}

/// Elsewhere the locale variables are the system's setting, and they were asked already.
#[cfg(not(any(windows, target_os = "macos")))]
pub(super) fn preferred_languages() -> Vec<String> {
    Vec::new()
}
