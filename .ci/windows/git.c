/* git.exe for the tests under wine: runs the Linux git through git-unix (beside this file).
 * wine starts a Linux program but gives back no process handle (so no exit code) and does not
 * hand it the caller's pipes: git-unix leaves git's output and exit code in files named here,
 * and this program waits for them, copies the output to its own stdout and stderr and exits
 * with git's code. git gets no stdin: fortb gives it none. Used only by .ci/windows/run. */
#include <windows.h>
#include <stdio.h>
#include <wchar.h>

/* The command line after the program name, as the caller quoted it. */
static const wchar_t *arguments(void) {
    const wchar_t *line = GetCommandLineW();
    if (*line == L'"') {
        line = wcschr(line + 1, L'"');
        line = line ? line + 1 : L"";
    } else {
        while (*line && *line != L' ' && *line != L'\t') line++;
    }
    return line;
}

/* Copies the file `status` + `suffix` to one of this program's handles, then removes it. */
static void relay(const wchar_t *status, const wchar_t *suffix, DWORD handle) {
    wchar_t name[MAX_PATH + 80];
    swprintf(name, MAX_PATH + 80, L"%ls%ls", status, suffix);
    HANDLE file = CreateFileW(name, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    if (file == INVALID_HANDLE_VALUE) return;
    char buffer[65536];
    DWORD read, written;
    while (ReadFile(file, buffer, sizeof buffer, &read, NULL) && read > 0) {
        WriteFile(GetStdHandle(handle), buffer, read, &written, NULL);
    }
    CloseHandle(file);
    DeleteFileW(name);
}

int wmain(void) {
    wchar_t dir[MAX_PATH], status[MAX_PATH + 64], done[MAX_PATH + 80];
    DWORD length = GetModuleFileNameW(NULL, dir, MAX_PATH);
    wchar_t *slash = wcsrchr(dir, L'\\');
    if (length == 0 || length >= MAX_PATH || !slash) return 128;
    *slash = 0;
    static LONG counter;
    swprintf(status, MAX_PATH + 64, L"%ls\\status-%lu-%llu-%ld", dir, GetCurrentProcessId(),
             GetTickCount64(), InterlockedIncrement(&counter));
    swprintf(done, MAX_PATH + 80, L"%ls.done", status);

    const wchar_t *rest = arguments();
    size_t size = wcslen(dir) + wcslen(status) + wcslen(rest) + 32;
    wchar_t *command = malloc(size * sizeof(wchar_t));
    swprintf(command, size, L"\"%ls\\git-unix\" \"%ls\"%ls", dir, status, rest);

    STARTUPINFOW startup = {sizeof startup};
    PROCESS_INFORMATION process;
    if (!CreateProcessW(NULL, command, NULL, NULL, FALSE, 0, NULL, NULL, &startup, &process)) {
        fwprintf(stderr, L"git.exe: could not start git-unix (error %lu)\n", GetLastError());
        return 128;
    }
    /* git-unix renames the status file to *.done once git has finished. */
    for (DWORD waited = 0; GetFileAttributesW(done) == INVALID_FILE_ATTRIBUTES; waited++) {
        if (waited > 600000) {
            fwprintf(stderr, L"git.exe: git did not finish within 10 minutes\n");
            return 128;
        }
        Sleep(1);
    }
    relay(status, L".out", STD_OUTPUT_HANDLE);
    relay(status, L".err", STD_ERROR_HANDLE);
    FILE *file = _wfopen(done, L"r");
    int code = 128;
    if (!file || fscanf(file, "%d", &code) != 1) code = 128;
    if (file) fclose(file);
    DeleteFileW(done);
    return code;
}
