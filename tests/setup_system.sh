#!/usr/bin/env bash
# System programs the tests use, from Debian's packages, installed only when missing:
# LibreOffice (renders .docx to PDF), pdftotext (reads the PDF back), Dovecot (IMAP server
# on loopback for the mailbox tests), Tesseract with Dutch and English data (OCR of scans).
# Needs root (CI) or sudo; without either, the tests that need these programs say so and
# are skipped outside CI.
set -euo pipefail
need=()
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
[ -x /usr/sbin/dovecot ] || need+=(dovecot-imapd)
# Tesseract with Dutch and English data: OCR of scanned dossier documents (plugin/readers/ocr.py).
command -v tesseract >/dev/null 2>&1 || need+=(tesseract-ocr)
[ -e /usr/share/tesseract-ocr/5/tessdata/nld.traineddata ] || [ -e /usr/share/tesseract-ocr/4.00/tessdata/nld.traineddata ] || need+=(tesseract-ocr-nld)
[ -e /usr/share/tesseract-ocr/5/tessdata/eng.traineddata ] || [ -e /usr/share/tesseract-ocr/4.00/tessdata/eng.traineddata ] || need+=(tesseract-ocr-eng)
# Node.js and npm for the add-in checks (TypeScript against @types/office-js, office.js, the manifest
# converter; tests/run.sh installs those npm packages). Usually already on the machine.
command -v npm >/dev/null 2>&1 || need+=(nodejs npm)
# Headless Chromium for the app's browser tests (Playwright drives it; never `playwright install`).
command -v chromium-headless-shell >/dev/null 2>&1 || command -v chromium >/dev/null 2>&1 || need+=(chromium-headless-shell)
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
    echo "setup_system: missing ${need[*]} and no root rights; related tests will be skipped" >&2
    exit 0
  fi
fi
echo "setup_system: installing ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
# No package may start a service during the install (Dovecot would listen on every
# interface): the tests start their own servers, on loopback only, with their own config.
policy=/usr/sbin/policy-rc.d
made_policy=""
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null && $SUDO chmod +x "$policy" && made_policy=1
fi
trap '[ -n "$made_policy" ] && $SUDO rm -f "$policy"' EXIT
# Another apt process (unattended-upgrades, a second CI step) may hold the lock: wait for it
# (apt's own lock timeout, and a retry while the package lists' lock is held), up to 10 minutes.
apt_wait() {
  local log tries=0
  log=$(mktemp)
  until $SUDO apt-get -o DPkg::Lock::Timeout=600 "$@" >"$log" 2>&1; do
    if grep -qiE "could not get lock|unable to acquire|is another process using it" "$log" && [ $tries -lt 60 ]; then
      tries=$((tries + 1)); echo "setup_system: apt is busy (another process holds its lock); waiting" >&2; sleep 10
    else
      cat "$log" >&2; rm -f "$log"; return 1
    fi
  done
  rm -f "$log"
}
apt_wait update -qq
apt_wait install -y -qq --no-install-recommends "${need[@]}"
$SUDO systemctl disable --now dovecot >/dev/null 2>&1 || true
