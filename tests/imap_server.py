"""A real Dovecot IMAP server on 127.0.0.1 for the tests, with its own config in a temp dir.

Use the session fixture `dovecot` (import it into a test module). Without Dovecot installed
the tests that use it are skipped, except when the environment variable CI is set: then they
fail, so a CI machine cannot silently lose the IMAP tests. tests/setup_system.sh installs it.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"
USER, PASSWORD = "casemanager", "Zeer-geheim-wachtwoord-42"


@dataclass
class ImapServer:
    host: str
    port: int
    root: Path
    log: Path
    uid: int
    gid: int
    process: subprocess.Popen = field(repr=False)
    user: str = USER
    password: str = field(default=PASSWORD, repr=False)

    @property
    def maildir(self) -> Path:
        return self.root / "mail" / self.user

    def client(self):
        from imapclient import IMAPClient

        client = IMAPClient(self.host, port=self.port, ssl=False, timeout=30)
        client.login(self.user, self.password)
        return client

    def append(self, folder: str, messages: list[bytes]) -> None:
        client = self.client()
        try:
            if folder != "INBOX" and not client.folder_exists(folder):
                client.create_folder(folder)
            for raw in messages:
                client.append(folder, raw, flags=(b"\\Seen",))
        finally:
            client.logout()

    def reset(self) -> None:
        """An empty INBOX and no other folders."""
        client = self.client()
        try:
            for flags, _, name in sorted(client.list_folders(), key=lambda f: -len(f[2])):
                if name != "INBOX" and b"\\Noselect" not in flags and b"\\NonExistent" not in flags:
                    client.delete_folder(name)
            client.select_folder("INBOX")
            uids = client.search("ALL")
            if uids:
                client.delete_messages(uids)
                client.expunge()
        finally:
            client.logout()

    def chown(self) -> None:
        """After writing into the Maildir directly: give the files to the mail user."""
        if os.getuid() == 0:
            for path in [self.maildir, *self.maildir.rglob("*")]:
                os.chown(path, self.uid, self.gid)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _version() -> tuple[int, int]:
    out = subprocess.run([DOVECOT, "--version"], capture_output=True, text=True, check=True).stdout
    major, minor = out.split()[0].split(".")[:2]
    return int(major), int(minor)


def _config(root: Path, port: int, uid: int, gid: int, run_user: str) -> str:
    common = {"root": root, "port": port, "uid": uid, "gid": gid, "user": run_user}
    if _version() >= (2, 4):
        template = """dovecot_config_version = 2.4.0
dovecot_storage_version = 2.4.0
auth_allow_cleartext = yes
mail_driver = maildir
mail_path = {root}/mail/%{{user}}
passdb passwd-file {{
  passwd_file_path = {root}/passwd
}}
userdb static {{
  fields {{
    uid = {uid}
    gid = {gid}
    home = {root}/mail/%{{user}}
  }}
}}
service imap-login {{
  inet_listener imap {{
    listen = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
  chroot =
}}
"""
    else:
        template = """disable_plaintext_auth = no
mail_location = maildir:{root}/mail/%u
passdb {{
  driver = passwd-file
  args = scheme=PLAIN {root}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/mail/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
  chroot =
}}
"""
    return template.format(**common) + """protocols = imap
listen = 127.0.0.1
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
ssl = no
auth_mechanisms = plain login
auth_failure_delay = 0
first_valid_uid = {uid}
default_login_user = {login}
default_internal_user = {internal}
service anvil {{
  chroot =
}}
namespace inbox {{
  inbox = yes
  separator = /
}}
""".format(root=root, uid=uid, login="dovenull" if run_user == "root" else run_user,
           internal="dovecot" if run_user == "root" else run_user)


def start_dovecot() -> ImapServer:
    root = Path(tempfile.mkdtemp(prefix="poortwachter-dovecot-"))
    os.chmod(root, 0o755)  # the mail user (nobody, when we are root) must reach its Maildir
    run_user = pwd.getpwuid(os.getuid()).pw_name
    if os.getuid() == 0:  # Dovecot refuses mail access as root
        nobody = pwd.getpwnam("nobody")
        uid, gid = nobody.pw_uid, nobody.pw_gid
    else:
        uid, gid = os.getuid(), os.getgid()
    for sub in ("run", "state", f"mail/{USER}"):
        (root / sub).mkdir(parents=True)
    if os.getuid() == 0:
        os.chown(root / "mail", uid, gid)
        os.chown(root / "mail" / USER, uid, gid)
    (root / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}::::::\n")
    port = _free_port()
    conf = root / "dovecot.conf"
    conf.write_text(_config(root, port, uid, gid, run_user))
    process = subprocess.Popen([DOVECOT, "-F", "-c", str(conf)], stdout=subprocess.DEVNULL,
                               stderr=open(root / "stderr.txt", "wb"))
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return ImapServer("127.0.0.1", port, root, root / "dovecot.log", uid, gid, process)
        except OSError:
            time.sleep(0.1)
    _stop(process)
    logs = "".join(p.read_text(errors="replace")[-2000:] for p in (root / "stderr.txt", root / "dovecot.log")
                   if p.exists())
    raise RuntimeError(f"Dovecot did not start on port {port}:\n{logs}")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def stop_dovecot(server: ImapServer) -> None:
    _stop(server.process)
    shutil.rmtree(server.root, ignore_errors=True)


def dovecot_available() -> bool:
    return os.path.exists(DOVECOT) and os.access(DOVECOT, os.X_OK)


@pytest.fixture(scope="session")
def dovecot():
    if not dovecot_available():
        if os.environ.get("CI"):
            pytest.fail("Dovecot is not installed (run tests/setup_system.sh); CI must run the IMAP tests")
        pytest.skip("Dovecot is not installed (tests/setup_system.sh installs dovecot-imapd)")
    server = start_dovecot()
    try:
        yield server
    finally:
        stop_dovecot(server)
