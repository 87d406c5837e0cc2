# Installs headless Chromium and chromedriver from Debian packages when missing, for the web UI's
# browser tests (crates/server/tests/ui_browser.rs). Source it (`. .ci/browser.sh`); safe to source
# twice, and quick when both are already there. The tests skip with a note if this fails.

newsgraph_browser_setup() {
    if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
        return 0
    fi
    echo "browser.sh: installing chromium and chromium-driver from Debian packages" >&2
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq >&2 || return 1
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
        chromium chromium-driver >/dev/null || return 1
    command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1
}

newsgraph_browser_setup || echo "browser.sh: chromium could not be installed; the browser tests will skip" >&2
