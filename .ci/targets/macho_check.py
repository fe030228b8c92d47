#!/usr/bin/env python3
"""Checks a macOS binary built on Linux, which cannot be run here: that it is a Mach-O
executable for the expected processor (signed, on Apple silicon), that it asks for no newer
macOS than the Rust target promises, and that every library it loads is one that every macOS
has. Prints what it found;
exits 1 when something is off. Only Python's standard library, so CI needs nothing more.

Usage: macho_check.py BINARY arm64|x86_64 MINIMUM_MACOS (e.g. 11.0)
"""
import struct
import sys

PROCESSORS = {"arm64": 0x0100000C, "x86_64": 0x01000007}
MH_MAGIC_64 = 0xFEEDFACF
MH_EXECUTE = 2
LOAD_DYLIB_COMMANDS = {0xC, 0x80000018, 0x8000001F, 0x20}  # load, weak, re-export, lazy
LC_BUILD_VERSION = 0x32
LC_VERSION_MIN_MACOSX = 0x24  # what linkers write instead for macOS before 10.14
LC_CODE_SIGNATURE = 0x1D
PLATFORM_MACOS = 1

# Part of every macOS since 10.12 (in the dyld shared cache since macOS 11): the C library
# and system calls, the Objective-C runtime, iconv, and the CoreFoundation and Foundation
# frameworks (chrono's time zone and fortb's display language; ctrlc through dispatch2).
EVERY_MACOS = {
    "/usr/lib/libSystem.B.dylib",
    "/usr/lib/libobjc.A.dylib",
    "/usr/lib/libiconv.2.dylib",
    "/usr/lib/libcharset.1.dylib",
    "/System/Library/Frameworks/CoreFoundation.framework/Versions/A/CoreFoundation",
    "/System/Library/Frameworks/Foundation.framework/Versions/C/Foundation",
}


def version(packed):
    """A Mach-O version number (xxxx.yy.zz in nibbles) as (major, minor)."""
    return packed >> 16, (packed >> 8) & 0xFF


def load_commands(data):
    """The header fields and each (command, its bytes) of a 64-bit little-endian Mach-O."""
    magic, cputype, _, filetype, ncmds, _, _, _ = struct.unpack_from("<8I", data, 0)
    if magic != MH_MAGIC_64:
        raise ValueError("not a 64-bit Mach-O file")
    commands, offset = [], 32
    for _ in range(ncmds):
        command, size = struct.unpack_from("<2I", data, offset)
        if size < 8 or offset + size > len(data):
            raise ValueError("a load command runs past the end of the file")
        commands.append((command, data[offset : offset + size]))
        offset += size
    return cputype, filetype, commands


def problems(data, processor, minimum):
    """What is wrong with the binary (empty when nothing), and the libraries it loads."""
    cputype, filetype, commands = load_commands(data)
    found = []
    if cputype != PROCESSORS[processor]:
        found.append(f"built for processor {cputype:#x}, not {processor}")
    if filetype != MH_EXECUTE:
        found.append(f"a Mach-O file of type {filetype}, not an executable")
    libraries, macos = [], None
    for command, body in commands:
        if command in LOAD_DYLIB_COMMANDS:
            (name_offset,) = struct.unpack_from("<I", body, 8)
            libraries.append(body[name_offset:].split(b"\0", 1)[0].decode())
        elif command == LC_BUILD_VERSION:
            platform, minos = struct.unpack_from("<2I", body, 8)
            if platform == PLATFORM_MACOS:
                macos = version(minos)
        elif command == LC_VERSION_MIN_MACOSX:
            (minos,) = struct.unpack_from("<I", body, 8)
            macos = version(minos)
    # Apple silicon runs no code without a signature; the linker signs ad hoc, as Apple's does.
    if processor == "arm64" and not any(c == LC_CODE_SIGNATURE for c, _ in commands):
        found.append("has no code signature, which Apple silicon requires")
    for library in libraries:
        if library not in EVERY_MACOS:
            found.append(f"loads {library}, which not every macOS has")
    wanted = tuple(int(part) for part in minimum.split("."))
    if macos is None:
        found.append("names no minimum macOS version")
    elif macos > wanted:
        found.append(f"needs macOS {macos[0]}.{macos[1]}, newer than {minimum}")
    return found, libraries, macos


def main():
    path, processor, minimum = sys.argv[1:4]
    with open(path, "rb") as binary:
        data = binary.read()
    try:
        found, libraries, macos = problems(data, processor, minimum)
    except (ValueError, struct.error) as error:
        found, libraries, macos = [str(error)], [], None
    for problem in found:
        print(f"ci: {path}: {problem}", file=sys.stderr)
    if found:
        return 1
    print(f"ci: {path}: Mach-O {processor} executable for macOS {macos[0]}.{macos[1]} and newer,")
    print(f"    loading only what every macOS has: {', '.join(libraries)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
