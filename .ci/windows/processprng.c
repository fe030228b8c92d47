/* A stand-in for bcryptprimitives.dll under wine 8 (Debian), which lacks ProcessPrng:
 * Rust's standard library calls it at start-up for random numbers. It forwards to
 * SystemFunction036 (RtlGenRandom) in advapi32, which wine has. Used only by .ci/windows. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
