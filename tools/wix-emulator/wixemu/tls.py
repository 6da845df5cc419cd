"""Test CA and server certificate, made with the `openssl` command line tool.

Files in the state dir: ca.pem (give this to clients as --ca-file), ca.key, server.pem,
server.key. They are reused while present and valid for more than a day, so start-up
stays fast. ECDSA P-256 keys: quick to generate, accepted by OpenSSL, mbedTLS and curl.
The server certificate carries SAN IP:127.0.0.1 and DNS:localhost, so hostname checks
pass for both ways of addressing the emulator.
"""
import os
import shutil
import ssl
import subprocess
import tempfile

CA_DAYS = 3650
SERVER_DAYS = 825
_EXT = """basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=IP:127.0.0.1,DNS:localhost
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid,issuer
"""


class TlsError(RuntimeError):
    pass


def _run(args, cwd):
    try:
        proc = subprocess.run(["openssl"] + args, cwd=cwd, capture_output=True, text=True,
                              timeout=30)
    except FileNotFoundError:
        raise TlsError("the openssl command line tool is needed for HTTPS (or use --plain-http)")
    if proc.returncode != 0:
        raise TlsError("openssl %s failed: %s" % (args[0], proc.stderr.strip()))


def _still_valid(path):
    proc = subprocess.run(["openssl", "x509", "-checkend", "86400", "-noout", "-in", path],
                          capture_output=True)
    return proc.returncode == 0


def paths(state_dir):
    return {name: os.path.join(state_dir, name)
            for name in ("ca.pem", "ca.key", "server.pem", "server.key")}


def ensure_certs(state_dir):
    """Create (or reuse) the CA and server certificate. Returns the paths dict."""
    os.makedirs(state_dir, exist_ok=True)
    files = paths(state_dir)
    if all(os.path.exists(p) for p in files.values()) and _still_valid(files["server.pem"]):
        return files
    # Build in a scratch dir and move into place, so a concurrent start never sees a
    # half-written set.
    work = tempfile.mkdtemp(prefix="certs-", dir=state_dir)
    try:
        ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        _run(["req", "-x509"] + ec + ["-keyout", "ca.key", "-out", "ca.pem",
                                      "-days", str(CA_DAYS), "-sha256",
                                      "-subj", "/CN=shelfnode wix-emulator test CA",
                                      "-addext", "basicConstraints=critical,CA:TRUE",
                                      "-addext", "keyUsage=critical,keyCertSign,cRLSign"], work)
        _run(["req", "-new"] + ec + ["-keyout", "server.key", "-out", "server.csr",
                                     "-subj", "/CN=localhost"], work)
        with open(os.path.join(work, "ext.cnf"), "w") as f:
            f.write(_EXT)
        _run(["x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
              "-set_serial", "0x%s" % os.urandom(8).hex(), "-days", str(SERVER_DAYS),
              "-sha256", "-extfile", "ext.cnf", "-out", "server.pem"], work)
        for name in ("ca.key", "server.key", "ca.pem", "server.pem"):
            os.chmod(os.path.join(work, name), 0o600 if name.endswith(".key") else 0o644)
            os.replace(os.path.join(work, name), files[name])
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return files


def server_context(files):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.load_cert_chain(files["server.pem"], files["server.key"])
    return ctx
