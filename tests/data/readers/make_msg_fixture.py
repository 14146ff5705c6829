"""Write `with_attachments.msg`: an Outlook message with a recipient, a PDF attachment and an
attached (embedded) message, for testing plugin/readers/msg.py on the attachment paths that
the real samples in tests/data/msg lack. No open-source tool writes .msg, so the
compound file is written by the minimal MS-CFB v3 writer in examples/_writers.py (every stream
padded to 4096 bytes so that no mini stream is needed).

Run from the repository root: python tests/data/readers/make_msg_fixture.py
"""

from __future__ import annotations

import datetime as dt
import struct
import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.append(str(HERE.resolve().parents[2] / "examples"))
from _writers import compound_file, filetime, props, u16  # noqa: E402
from readers_fixtures import make_pdf  # noqa: E402

FILETIME_2025_03_10 = filetime(dt.datetime(2025, 3, 10, 9, 20, tzinfo=dt.timezone.utc))

MESSAGE = {
    "__properties_version1.0": props(32, [(0x0039, 0x0040, FILETIME_2025_03_10)]),
    "__substg1.0_0037001F": u16("Verslag evaluatiegesprek"),
    "__substg1.0_1000001F": u16("Verslag evaluatiegesprek\r\nDatum gesprek: 10-03-2025\r\nAfspraken: opbouw uren."),
    "__substg1.0_0C1A001F": u16("P. de Vries"),
    "__substg1.0_5D01001F": u16("p.devries@werkgever.nl"),
    "__recip_version1.0_#00000000": {
        "__properties_version1.0": props(8, []),
        "__substg1.0_3001001F": u16("J. Jansen"),
        "__substg1.0_39FE001F": u16("j.jansen@example.nl"),
    },
    "__attach_version1.0_#00000000": {
        "__properties_version1.0": props(8, [(0x3705, 0x0003, struct.pack("<I", 1))]),
        "__substg1.0_3707001F": u16("PvA Jansen.pdf"),
        "__substg1.0_37010102": make_pdf(["Plan van aanpak\n" + "\n".join(f"Actie {i}: werkplekonderzoek"
                                                                           for i in range(120))]),
    },
    "__attach_version1.0_#00000001": {
        "__properties_version1.0": props(8, [(0x3705, 0x0003, struct.pack("<I", 5))]),
        "__substg1.0_3001001F": u16("Bevestiging UWV"),
        "__substg1.0_3701000D": {
            "__properties_version1.0": props(24, []),
            "__substg1.0_0037001F": u16("Bevestiging ziekmelding (42e week)"),
            "__substg1.0_1000001F": u16("Wij hebben de ziekmelding van uw werknemer ontvangen."),
        },
    },
}


if __name__ == "__main__":
    (HERE / "with_attachments.msg").write_bytes(compound_file(MESSAGE))
