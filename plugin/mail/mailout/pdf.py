"""A PDF copy of a report, made by LibreOffice when it is installed (optional).

soffice runs headless with a private profile (-env:UserInstallation) in a temporary
folder, so it neither touches the user's LibreOffice settings nor collides with an open
LibreOffice window, and each conversion has a time limit.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

TIMEOUT = 120  # seconds per document; the first start of a fresh profile is the slow one


class PdfConverter:
    def __init__(self, enabled: bool = True, timeout: int = TIMEOUT):
        self.soffice = (shutil.which("soffice") or shutil.which("libreoffice")) if enabled else None
        self.timeout = timeout
        missing = "geen PDF: LibreOffice (soffice) niet gevonden; alleen de .docx is bijgevoegd"
        self.note = "" if self.soffice else (missing if enabled else "geen PDF: uitgezet met --no-pdf")
        self._work: tempfile.TemporaryDirectory | None = None

    def convert(self, data: bytes, stem: str) -> tuple[bytes | None, str]:
        """(PDF bytes, '') or (None, why not)."""
        if not self.soffice:
            return None, self.note
        if self._work is None:
            self._work = tempfile.TemporaryDirectory(prefix="poortwachter-pdf-")
        root = Path(self._work.name)
        job = Path(tempfile.mkdtemp(dir=root, prefix="job-"))
        source = job / f"{stem}.docx"
        source.write_bytes(data)
        command = [self.soffice, f"-env:UserInstallation={(root / 'profile').as_uri()}", "--headless", "--norestore",
                   "--convert-to", "pdf", "--outdir", str(job), str(source)]
        try:
            result = subprocess.run(command, capture_output=True, timeout=self.timeout, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            return None, f"geen PDF: LibreOffice reageerde niet binnen {self.timeout} s"
        except OSError as exc:
            return None, f"geen PDF: LibreOffice start niet ({exc})"
        target = job / f"{stem}.pdf"
        if result.returncode != 0 or not target.is_file():
            detail = (result.stderr or result.stdout).decode("utf-8", "replace").strip().splitlines()
            return None, f"geen PDF: LibreOffice gaf een fout ({detail[-1] if detail else result.returncode})"
        pdf = target.read_bytes()
        shutil.rmtree(job, ignore_errors=True)
        return pdf, ""

    def close(self) -> None:
        if self._work is not None:
            self._work.cleanup()
            self._work = None
